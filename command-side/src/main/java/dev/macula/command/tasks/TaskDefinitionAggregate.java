package dev.macula.command.tasks;

import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskMessages.CreateTaskDefinitionCommand;
import dev.macula.api.tasks.TaskMessages.TaskDefinitionCreatedEvent;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A task definition: a name and the free-form configuration the viewer reads. */
@Aggregate(cache = AggregateCaching.CACHE)
public class TaskDefinitionAggregate {

    @AggregateIdentifier
    private TaskDefinitionId taskDefinitionId;

    protected TaskDefinitionAggregate() {
        // for Axon
    }

    @CommandHandler
    public TaskDefinitionAggregate(CreateTaskDefinitionCommand command) {
        apply(new TaskDefinitionCreatedEvent(command.taskDefinitionId(), command.name(), command.config()));
    }

    @EventSourcingHandler
    void on(TaskDefinitionCreatedEvent event) {
        taskDefinitionId = event.taskDefinitionId();
    }
}
