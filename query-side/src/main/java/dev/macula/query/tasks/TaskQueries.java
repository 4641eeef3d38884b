package dev.macula.query.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tasks.TaskDefinitionView;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskMessages.FindTasksQuery;
import dev.macula.api.tasks.TaskView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** TaskGET and TaskDefinitionGET (contract §3.0.12): query handlers and the read endpoints. */
@RestController
class TaskQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select t.*, u.username, d.name as d_name, d.config as d_config, d.date_inserted as d_date,
                   (select count(*) from subtask s where s.task_id = t.id) as num_tasks,
                   (select count(*) from subtask s where s.task_id = t.id and s.task_state = 'Ready') as num_ready
            from task t join task_definition d on d.id = t.task_definition_id left join app_user u on u.id = t.creator_id""";

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    TaskQueries(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
        this.queries = queries;
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

    @GetMapping("/api/task")
    List<TaskView> tasks() {
        return queries.query(new FindTasksQuery(), ResponseTypes.multipleInstancesOf(TaskView.class)).join();
    }

    @GetMapping("/api/task/{task_id}")
    TaskView task(@PathVariable("task_id") long taskId) {
        TaskView view = taskId <= 0 ? null
                : queries.query(new FindTaskQuery(TaskId.of(taskId)), ResponseTypes.instanceOf(TaskView.class)).join();
        if (view == null) {
            throw ApiException.notFound("Task not found");
        }
        return view;
    }

    @GetMapping("/api/task-definitions")
    List<TaskDefinitionView> definitions() {
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
