package dev.macula.command.segmentation;

import dev.macula.api.segmentation.ModelMessages.RegisterSegmentationModelCommand;
import dev.macula.api.segmentation.ModelMessages.SegmentationModelRegisteredEvent;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A registered segmentation model (name unique in the read model). */
@Aggregate(cache = AggregateCaching.CACHE)
public class SegmentationModelAggregate {

    @AggregateIdentifier
    private String modelKey;

    protected SegmentationModelAggregate() {
        // for Axon
    }

    @CommandHandler
    public SegmentationModelAggregate(RegisterSegmentationModelCommand command) {
        apply(new SegmentationModelRegisteredEvent(command.modelId(), command.name(), command.version(),
                command.description(), command.featureId()));
    }

    @EventSourcingHandler
    void on(SegmentationModelRegisteredEvent event) {
        modelKey = "model:" + event.modelId();
    }
}
