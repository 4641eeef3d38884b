package dev.macula.command.tasks;

import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.CreateTaskCommand;
import dev.macula.api.tasks.TaskMessages.DeleteTaskCommand;
import dev.macula.api.tasks.TaskMessages.RestoreTaskCommand;
import dev.macula.api.tasks.TaskMessages.TaskRestoredEvent;
import dev.macula.api.tasks.TaskMessages.TaskCreatedEvent;
import dev.macula.api.tasks.TaskMessages.TaskDeletedEvent;
import dev.macula.api.tasks.TaskMessages.TaskState;
import dev.macula.api.tasks.TaskMessages.TaskStateChangedEvent;
import dev.macula.api.tasks.TaskMessages.TaskUpdatedEvent;
import dev.macula.api.tasks.TaskMessages.UpdateTaskCommand;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static dev.macula.command.common.Deletion.refuseIfDeleted;

/** A grading task. Its sub-tasks are aggregates of their own, so a big campaign keeps this stream short. */
@Aggregate(cache = AggregateCaching.CACHE)
public class TaskAggregate {

    @AggregateIdentifier
    private TaskId taskId;
    private TaskState state;
    private boolean deleted;

    protected TaskAggregate() {
        // for Axon
    }

    @CommandHandler
    public TaskAggregate(CreateTaskCommand c) {
        apply(new TaskCreatedEvent(c.taskId(), c.name(), c.description(), c.contactId(), c.taskDefinitionId(),
                c.creatorId(), TaskState.NotStarted));
    }

    @CommandHandler
    public void handle(UpdateTaskCommand c) {
        refuseIfDeleted(deleted, taskId);
        if (c.name() != null || c.description() != null || c.contactId() != null || c.taskDefinitionId() != null) {
            apply(new TaskUpdatedEvent(taskId, c.name(), c.description(), c.contactId(), c.taskDefinitionId()));
        }
        if (c.taskState() != null && c.taskState() != state) {
            apply(new TaskStateChangedEvent(taskId, state, c.taskState()));
        }
    }

    @CommandHandler
    public void handle(DeleteTaskCommand command) {
        refuseIfDeleted(deleted, taskId);
        apply(new TaskDeletedEvent(taskId));
    }

    /** A revert: the whole state as it was, also after a deletion. */
    @CommandHandler
    public void handle(RestoreTaskCommand c) {
        apply(new TaskRestoredEvent(taskId, c.name(), c.description(), c.contactId(), c.taskDefinitionId(),
                c.creatorId(), c.taskState(), c.dateInserted()));
    }

    @EventSourcingHandler
    void on(TaskCreatedEvent event) {
        taskId = event.taskId();
        state = event.taskState();
    }

    @EventSourcingHandler
    void on(TaskStateChangedEvent event) {
        state = event.to();
    }

    @EventSourcingHandler
    void on(TaskDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(TaskRestoredEvent event) {
        deleted = false;
        state = event.taskState();
    }
}
