package dev.macula.projection.tasks;

import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCommentsChangedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCreatedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskDeletedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskRestoredEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImageRemovedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImagesAddedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskStateChangedEvent;
import dev.macula.projection.common.InlineReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code subtask} and {@code subtask_image}; inline. */
@Component
@ProcessingGroup(SubTaskProjection.GROUP)
@InlineReadModel(tables = {"subtask_image", "subtask"})
class SubTaskProjection {

    static final String GROUP = "subtasks";

    private final JdbcTemplate jdbc;

    SubTaskProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubTaskCreatedEvent event) {
        jdbc.update("""
                insert into subtask (id, task_id, creator_id, comments, task_state)
                select ?, id, ?, ?, ? from task where id = ? on conflict (id) do nothing""",
                event.subTaskId().value(), event.creatorId(), event.comments(), event.taskState().name(),
                event.taskId().value());
        link(event.subTaskId().value(), event.imageIds());
    }

    @EventHandler
    void on(SubTaskCommentsChangedEvent event) {
        jdbc.update("update subtask set comments = ? where id = ?", event.comments(), event.subTaskId().value());
    }

    @EventHandler
    void on(SubTaskStateChangedEvent event) {
        jdbc.update("update subtask set task_state = ? where id = ?", event.to().name(), event.subTaskId().value());
    }

    @EventHandler
    void on(SubTaskImagesAddedEvent event) {
        link(event.subTaskId().value(), event.imageIds());
    }

    @EventHandler
    void on(SubTaskImageRemovedEvent event) {
        jdbc.update("delete from subtask_image where subtask_id = ? and image_instance_id = ?",
                event.subTaskId().value(), event.imageId().value());
    }

    /** A revert: the sub-task as it was, its images exactly these; its row comes back if it was gone. */
    @EventHandler
    void on(SubTaskRestoredEvent event) {
        jdbc.update("""
                insert into subtask (id, task_id, creator_id, comments, task_state)
                select ?, id, ?, ?, ? from task where id = ?
                on conflict (id) do update set comments = excluded.comments, task_state = excluded.task_state""",
                event.subTaskId().value(), event.creatorId(), event.comments(), event.taskState().name(),
                event.taskId().value());
        jdbc.update("delete from subtask_image where subtask_id = ?", event.subTaskId().value());
        link(event.subTaskId().value(), event.imageIds());
    }

    @EventHandler
    void on(SubTaskDeletedEvent event) {
        jdbc.update("delete from subtask where id = ?", event.subTaskId().value());
    }

    private void link(long subTaskId, List<InstanceId> images) {
        for (InstanceId image : images) {
            jdbc.update("""
                    insert into subtask_image (subtask_id, image_instance_id)
                    select id, ? from subtask where id = ? on conflict do nothing""", image.value(), subTaskId);
        }
    }
}
