package dev.macula.command.segmentation;

import dev.macula.api.segmentation.ModelMessages.CreateModelSegmentationCommand;
import dev.macula.api.segmentation.ModelMessages.ModelSegmentationCreatedEvent;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An AI-produced segmentation: written once by an inference job, read-only through the API. */
@Aggregate(cache = AggregateCaching.CACHE)
public class ModelSegmentationAggregate {

    @AggregateIdentifier
    private String modelSegmentationKey;

    protected ModelSegmentationAggregate() {
        // for Axon
    }

    @CommandHandler
    public ModelSegmentationAggregate(CreateModelSegmentationCommand c) {
        apply(new ModelSegmentationCreatedEvent(c.modelSegmentationId(), c.imageInstanceId(), c.modelId(),
                c.dataRepresentation(), c.dataType(), c.depth(), c.height(), c.width(), c.checksum(), c.zarrIndex(),
                c.geometry()));
    }

    @EventSourcingHandler
    void on(ModelSegmentationCreatedEvent event) {
        modelSegmentationKey = "model-segmentation:" + event.modelSegmentationId();
    }
}
