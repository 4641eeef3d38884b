package dev.macula.query.tasks;

import dev.macula.api.tasks.TaskDefinitionView;
import dev.macula.api.tasks.TaskView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tasks.TaskMessages.FindTaskDefinitionsQuery;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskMessages.FindTasksQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/** TaskGET and TaskDefinitionGET (docs/api.md §3.0.12) from the {@code task} and {@code task_definition} read models. */
@Component
class TaskQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select t.*, u.username, d.name as d_name, d.config as d_config, d.date_inserted as d_date,
                   (select count(*) from subtask s where s.task_id = t.id) as num_tasks,
                   (select count(*) from subtask s where s.task_id = t.id and s.task_state = 'Ready') as num_ready
            from task t join task_definition d on d.id = t.task_definition_id left join app_user u on u.id = t.creator_id""";

    private final JdbcTemplate jdbc;

    TaskQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<TaskView> handle(FindTasksQuery query) {
        return jdbc.query(SELECT + " order by t.id", (rs, row) -> view(rs));
    }

    @QueryHandler
    TaskView handle(FindTaskQuery query) {
        return jdbc.query(SELECT + " where t.id = ?", (rs, row) -> view(rs), query.taskId().value()).stream()
                .findFirst().orElse(null);
    }

    @QueryHandler
    List<TaskDefinitionView> handle(FindTaskDefinitionsQuery query) {
        return jdbc.query("select * from task_definition order by id", (rs, row) -> new TaskDefinitionView(
                rs.getString("name"), rs.getLong("id"), json(rs.getString("config")),
                rs.getTimestamp("date_inserted").toLocalDateTime()));
    }

    private static TaskView view(ResultSet rs) throws SQLException {
        Long creator = (Long) rs.getObject("creator_id");
        return new TaskView(rs.getString("name"), rs.getString("description"), (Long) rs.getObject("contact_id"),
                rs.getLong("task_definition_id"), rs.getLong("id"), rs.getTimestamp("date_inserted").toLocalDateTime(),
                rs.getInt("num_tasks"), rs.getInt("num_ready"),
                creator == null ? null : new CreatorMeta(creator, rs.getString("username")), rs.getString("task_state"),
                new TaskDefinitionView(rs.getString("d_name"), rs.getLong("task_definition_id"), json(rs.getString("d_config")),
                        rs.getTimestamp("d_date").toLocalDateTime()));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
