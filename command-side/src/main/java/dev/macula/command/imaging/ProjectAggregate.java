package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.CreateProjectCommand;
import dev.macula.api.imaging.ImagingEvents.ProjectCreatedEvent;
import dev.macula.api.imaging.ProjectId;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A research project; its name is unique (read model, case- and accent-insensitive). */
@Aggregate(cache = AggregateCaching.CACHE)
public class ProjectAggregate {

    @AggregateIdentifier
    private ProjectId projectId;

    protected ProjectAggregate() {
        // for Axon
    }

    @CommandHandler
    public ProjectAggregate(CreateProjectCommand command) {
        apply(new ProjectCreatedEvent(command.projectId(), command.name(), command.external(), command.description()));
    }

    @EventSourcingHandler
    void on(ProjectCreatedEvent event) {
        projectId = event.projectId();
    }
}
