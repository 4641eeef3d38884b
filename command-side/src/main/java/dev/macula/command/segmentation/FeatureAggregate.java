package dev.macula.command.segmentation;

import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.DeleteFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.FeatureCreatedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureDeletedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRenamedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRestoredEvent;
import dev.macula.api.segmentation.FeatureMessages.RestoreFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.SubfeaturesReplacedEvent;
import dev.macula.api.segmentation.FeatureMessages.UpdateFeatureCommand;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static dev.macula.command.common.Deletion.refuseIfDeleted;

/**
 * A feature and its ordered children. The rules that span features (unique name, children exist,
 * no cycles) are checked against the read model by the controller and its unique key; the
 * delete safety checks (docs/api.md §8.3) likewise, since segmentations live in other aggregates.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class FeatureAggregate {

    @AggregateIdentifier
    private FeatureId featureId;
    private String name;
    private List<FeatureId> subfeatures;
    private boolean deleted;

    protected FeatureAggregate() {
        // for Axon
    }

    @CommandHandler
    public FeatureAggregate(CreateFeatureCommand command) {
        apply(new FeatureCreatedEvent(command.featureId(), command.name(), List.copyOf(command.subfeatureIds())));
    }

    @CommandHandler
    public void handle(UpdateFeatureCommand command) {
        refuseIfDeleted(deleted, featureId);
        if (command.name() != null && !command.name().equals(name)) {
            apply(new FeatureRenamedEvent(featureId, command.name()));
        }
        if (command.subfeatureIds() != null && !command.subfeatureIds().equals(subfeatures)) {
            apply(new SubfeaturesReplacedEvent(featureId, List.copyOf(command.subfeatureIds())));
        }
    }

    @CommandHandler
    public void handle(DeleteFeatureCommand command) {
        refuseIfDeleted(deleted, featureId);
        apply(new FeatureDeletedEvent(featureId));
    }

    /** A revert brings a deleted feature back; a live one is changed with updates instead. */
    @CommandHandler
    public void handle(RestoreFeatureCommand command) {
        if (deleted) {
            apply(new FeatureRestoredEvent(featureId, command.name(), List.copyOf(command.subfeatureIds()),
                    command.dateInserted()));
        }
    }

    @EventSourcingHandler
    void on(FeatureCreatedEvent event) {
        featureId = event.featureId();
        name = event.name();
        subfeatures = event.subfeatureIds();
    }

    @EventSourcingHandler
    void on(FeatureRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(SubfeaturesReplacedEvent event) {
        subfeatures = event.subfeatureIds();
    }

    @EventSourcingHandler
    void on(FeatureDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(FeatureRestoredEvent event) {
        deleted = false;
        name = event.name();
        subfeatures = event.subfeatureIds();
    }
}
