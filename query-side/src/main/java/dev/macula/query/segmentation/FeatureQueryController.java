package dev.macula.query.segmentation;

import dev.macula.api.segmentation.FeatureView;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.FindFeatureQuery;
import dev.macula.api.segmentation.FeatureMessages.FindFeaturesQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/features} (by name, optional counts) and {@code GET /api/features/{id}}. */
@RestController
class FeatureQueryController {

    private final QueryGateway queries;

    FeatureQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/features")
    List<FeatureView> features(@RequestParam(name = "with_counts", required = false) String withCounts) {
        return queries.query(new FindFeaturesQuery(LaxValues.queryBool("with_counts", withCounts, false)),
                ResponseTypes.multipleInstancesOf(FeatureView.class)).join();
    }

    @GetMapping("/api/features/{feature_id}")
    FeatureView feature(@PathVariable("feature_id") long featureId) {
        FeatureView view = featureId <= 0 ? null : queries.query(new FindFeatureQuery(FeatureId.of(featureId)),
                ResponseTypes.instanceOf(FeatureView.class)).join();
        if (view == null) {
            throw ApiException.notFound("Feature not found");
        }
        return view;
    }
}
