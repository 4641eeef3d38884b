package dev.macula.projection.tasks;

import dev.macula.api.tasks.TaskMessages.TaskCreatedEvent;
import dev.macula.api.tasks.TaskMessages.TaskDefinitionCreatedEvent;
import dev.macula.api.tasks.TaskMessages.TaskDeletedEvent;
import dev.macula.api.tasks.TaskMessages.TaskRestoredEvent;
import dev.macula.api.tasks.TaskMessages.TaskStateChangedEvent;
import dev.macula.api.tasks.TaskMessages.TaskUpdatedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** {@code task_definition} and {@code task}; inline. Deleting a task drops its sub-tasks (cascade). */
@Component
@ProcessingGroup(TaskProjection.GROUP)
@InlineReadModel(tables = {"task", "task_definition"})
class TaskProjection {

    static final String GROUP = "tasks";

    private final JdbcTemplate jdbc;

    TaskProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TaskDefinitionCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("insert into task_definition (id, name, config, date_inserted) values (?, ?, ?::jsonb, ?) "
                        + "on conflict (id) do nothing",
                event.taskDefinitionId().value(), event.name(), event.config() == null ? null : event.config().toString(),
                Times.seconds(at));
    }

    @EventHandler
    void on(TaskCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into task (id, name, description, creator_id, contact_id, task_definition_id, task_state,
                    date_inserted) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.taskId().value(), event.name(), event.description(),
                event.creatorId() == null ? null : event.creatorId().value(), event.contactId(),
                event.taskDefinitionId().value(), event.taskState().name(), Times.seconds(at));
    }

    @EventHandler
    void on(TaskUpdatedEvent event) {
        jdbc.update("""
                update task set name = coalesce(?, name), description = coalesce(?, description),
                    contact_id = coalesce(?, contact_id), task_definition_id = coalesce(?, task_definition_id)
                where id = ?""",
                event.name(), event.description(), event.contactId(),
                event.taskDefinitionId() == null ? null : event.taskDefinitionId().value(), event.taskId().value());
    }

    @EventHandler
    void on(TaskStateChangedEvent event) {
        jdbc.update("update task set task_state = ? where id = ?", event.to().name(), event.taskId().value());
    }

    /** A revert: the task as it was; its row comes back if it was deleted. */
    @EventHandler
    void on(TaskRestoredEvent event) {
        jdbc.update("""
                insert into task (id, name, description, creator_id, contact_id, task_definition_id, task_state,
                    date_inserted) values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, description = excluded.description,
                    contact_id = excluded.contact_id, task_definition_id = excluded.task_definition_id,
                    task_state = excluded.task_state""",
                event.taskId().value(), event.name(), event.description(),
                event.creatorId() == null ? null : event.creatorId().value(), event.contactId(),
                event.taskDefinitionId().value(), event.taskState().name(), Times.utc(event.dateInserted()));
    }

    @EventHandler
    void on(TaskDeletedEvent event) {
        jdbc.update("delete from task where id = ?", event.taskId().value());
    }
}
