package dev.macula.api.segmentation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDateTime;
import java.util.List;

/** Features (segmentation targets) and their ordered children (docs/api.md §8). */
public final class FeatureMessages {

    private FeatureMessages() {
    }

    public record CreateFeatureCommand(@TargetAggregateIdentifier FeatureId featureId, String name,
                                       List<FeatureId> subfeatureIds) {
    }

    /** PATCH: null name or null list means unchanged; a list (even empty) replaces all children. */
    public record UpdateFeatureCommand(@TargetAggregateIdentifier FeatureId featureId, String name,
                                       List<FeatureId> subfeatureIds) {
    }

    public record DeleteFeatureCommand(@TargetAggregateIdentifier FeatureId featureId) {
    }

    /** Brings a deleted feature back (a revert), with its name, children and original insertion date. */
    public record RestoreFeatureCommand(@TargetAggregateIdentifier FeatureId featureId, String name,
                                        List<FeatureId> subfeatureIds, LocalDateTime dateInserted) {
    }

    @Revision("1")
    public record FeatureCreatedEvent(FeatureId featureId, String name, List<FeatureId> subfeatureIds) {
    }

    @Revision("1")
    public record FeatureRenamedEvent(FeatureId featureId, String name) {
    }

    /** The child at position i of the list gets FeatureIndex i. */
    @Revision("1")
    public record SubfeaturesReplacedEvent(FeatureId featureId, List<FeatureId> subfeatureIds) {
    }

    @Revision("1")
    public record FeatureDeletedEvent(FeatureId featureId) {
    }

    @Revision("1")
    public record FeatureRestoredEvent(FeatureId featureId, String name, List<FeatureId> subfeatureIds,
                                       LocalDateTime dateInserted) {
    }

    /** Answer: list of the query side's feature views, by name. */
    public record FindFeaturesQuery(boolean withCounts) {
    }

    /** Answer: the feature view, or null. */
    public record FindFeatureQuery(FeatureId featureId) {
    }
}
