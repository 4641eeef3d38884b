package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.CreateSeriesCommand;
import dev.macula.api.imaging.ImagingEvents.SeriesCreatedEvent;
import dev.macula.api.imaging.SeriesId;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A series of a study; SeriesInstanceUid is unique when given (read model). */
@Aggregate(cache = AggregateCaching.CACHE)
public class SeriesAggregate {

    @AggregateIdentifier
    private SeriesId seriesId;

    protected SeriesAggregate() {
        // for Axon
    }

    @CommandHandler
    public SeriesAggregate(CreateSeriesCommand command) {
        apply(new SeriesCreatedEvent(command.seriesId(), command.studyId(), command.seriesNumber(),
                command.seriesInstanceUid(), command.studyInstanceUid()));
    }

    @EventSourcingHandler
    void on(SeriesCreatedEvent event) {
        seriesId = event.seriesId();
    }
}
