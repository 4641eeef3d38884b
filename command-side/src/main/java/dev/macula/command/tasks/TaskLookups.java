package dev.macula.command.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What writes on tasks and sub-tasks read from the read models: whether tasks, definitions, users,
 * sub-tasks and images exist (inherited {@code exists}), a new definition's insertion time, and, as the
 * {@link SubTaskForms} domain service the sub-task aggregate asks, a sub-task's invalid forms. The
 * {@code form_annotation} model is written inline, in the transaction of each save, so that answer
 * includes every save that committed before the check.
 */
@Component
class TaskLookups extends ReadModelLookups implements SubTaskForms {

    private static final ObjectMapper JSON = new ObjectMapper();

    TaskLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    /** Written inline by the definition's projection, so present once its create command returned. */
    LocalDateTime definitionInsertedAt(TaskDefinitionId id) {
        return jdbc.queryForObject("select date_inserted from task_definition where id = ?", Timestamp.class,
                id.value()).toLocalDateTime();
    }

    /** The images of a sub-task, by id. */
    List<Long> subTaskImages(long subTaskId) {
        return jdbc.queryForList("select image_instance_id from subtask_image where subtask_id = ? order by image_instance_id",
                Long.class, subTaskId);
    }

    /** The ids of a task's sub-tasks. */
    List<Long> subTasksOf(long taskId) {
        return jdbc.queryForList("select id from subtask where task_id = ? order by id", Long.class, taskId);
    }

    @Override
    public List<InvalidForm> invalidForms(SubTaskId subTaskId) {
        return jdbc.query("""
                select id, form_schema_id, validation_errors::text as errors from form_annotation
                where sub_task_id = ? and valid = false and not inactive order by id""",
                (rs, row) -> {
                    try {
                        return new InvalidForm(rs.getLong("id"), rs.getLong("form_schema_id"),
                                JSON.readTree(rs.getString("errors")));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable validation errors of form " + rs.getLong("id"), e);
                    }
                }, subTaskId.value());
    }
}
