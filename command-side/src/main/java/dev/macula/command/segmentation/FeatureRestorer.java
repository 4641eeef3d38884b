package dev.macula.command.segmentation;

import dev.macula.api.segmentation.FeatureMessages.DeleteFeatureCommand;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.FindFeatureQuery;
import dev.macula.api.segmentation.FeatureMessages.RestoreFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.UpdateFeatureCommand;
import dev.macula.api.segmentation.FeatureView;
import dev.macula.command.common.ReadModel;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * A feature's name and ordered children as they were ({@code POST /api/features/{id}/revert}); a
 * deleted feature comes back. Children deleted since, or that would now make a cycle, are left out:
 * the hierarchy's rules hold for a revert as for a PATCH.
 */
@Component
class FeatureRestorer extends StateRestorer<FeatureView> {

    private final QueryGateway queries;
    private final SegmentationLookups lookups;

    FeatureRestorer(RestoreSupport support, QueryGateway queries, SegmentationLookups lookups) {
        super(support);
        this.queries = queries;
        this.lookups = lookups;
    }

    @Override
    public String entityType() {
        return FeatureId.TYPE;
    }

    @Override
    protected FeatureView read(long id) {
        return id <= 0 ? null
                : queries.query(new FindFeatureQuery(FeatureId.of(id)), ResponseTypes.instanceOf(FeatureView.class)).join();
    }

    @Override
    protected List<Object> commands(long id, FeatureView past, FeatureView now) {
        List<FeatureId> children = past.subfeatureIds().stream()
                .filter(child -> lookups.exists(ReadModel.FEATURE, child) && !lookups.isBelow(id, child))
                .map(FeatureId::of).toList();
        if (now == null) {
            return List.of(new RestoreFeatureCommand(FeatureId.of(id), past.name(), children, past.dateInserted()));
        }
        String name = Objects.equals(past.name(), now.name()) ? null : past.name();
        List<FeatureId> replaced = children.stream().map(FeatureId::value).toList().equals(now.subfeatureIds())
                ? null : children;
        return name == null && replaced == null ? List.of()
                : List.of(new UpdateFeatureCommand(FeatureId.of(id), name, replaced));
    }

    @Override
    protected List<Object> removal(long id, FeatureView now) {
        return List.of(new DeleteFeatureCommand(FeatureId.of(id)));
    }

    @Override
    protected String notFound() {
        return "Feature not found";
    }

    @Override
    protected String kind() {
        return "Feature";
    }
}
