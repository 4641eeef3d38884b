package dev.macula.query.segmentation;

import dev.macula.api.segmentation.FeatureView;
import dev.macula.api.segmentation.FeatureMessages.FindFeatureQuery;
import dev.macula.api.segmentation.FeatureMessages.FindFeaturesQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/** FeatureGET queries, answered by {@link FeatureReader}. */
@Component
class FeatureQueryHandler {

    private final FeatureReader reader;

    FeatureQueryHandler(FeatureReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    List<FeatureView> handle(FindFeaturesQuery query) {
        return reader.features(null, query.withCounts());
    }

    @QueryHandler
    FeatureView handle(FindFeatureQuery query) {
        return reader.features(query.featureId().value(), false).stream().findFirst().orElse(null);
    }
}
