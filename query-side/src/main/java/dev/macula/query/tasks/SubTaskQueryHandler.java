package dev.macula.query.tasks;

import dev.macula.api.tasks.SubTaskView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskByIndexQuery;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskMessages.FindSubTasksQuery;
import dev.macula.query.imaging.ImagingReader;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Sub-task reads (docs/api.md §3.9, docs/api.md §3.10): by id, the task's list with absolute indices that stay
 * stable under the state filter, and by index with the next one. A sub-task's images are InstanceGET
 * views, read together by {@link ImagingReader}.
 */
@Component
class SubTaskQueryHandler {

    private final JdbcTemplate jdbc;
    private final ImagingReader images;

    SubTaskQueryHandler(JdbcTemplate jdbc, ImagingReader images) {
        this.jdbc = jdbc;
        this.images = images;
    }

    record SubTasksResponse(List<SubTaskView> subtasks, int limit, int page, int count) {
    }

    /** Row of the indexed listing: the sub-task and its absolute position among all of its task's sub-tasks. */
    private static final String INDEXED = """
            select * from (select s.*, (row_number() over (order by s.id)) - 1 as idx from subtask s where s.task_id = ?) x
            """;

    @QueryHandler
    SubTaskView handle(FindSubTaskQuery query) {
        return jdbc.query("select s.*, null as idx from subtask s where s.id = ?", (rs, row) -> view(rs, query.withImages(), false),
                query.subTaskId().value()).stream().findFirst().orElse(null);
    }

    @QueryHandler
    SubTasksResponse handle(FindSubTasksQuery query) {
        long taskId = query.taskId().value();
        Integer tasks = jdbc.queryForObject("select count(*) from task where id = ?", Integer.class, taskId);
        if (tasks == null || tasks == 0) {
            return null;
        }
        int limit = query.limit();
        String state = query.state() == null ? null : query.state().name();
        String filter = state == null ? "" : " where task_state = '" + state + "'";
        List<SubTaskView> subtasks = jdbc.query(INDEXED + filter + " order by id limit ? offset ?",
                (rs, row) -> view(rs, query.withImages(), true), taskId, limit, (long) limit * query.page());
        Integer count = jdbc.queryForObject("select count(*) from subtask where task_id = ?"
                + (state == null ? "" : " and task_state = '" + state + "'"), Integer.class, taskId);
        return new SubTasksResponse(subtasks, limit, query.page(), count == null ? 0 : count);
    }

    @QueryHandler
    SubTaskView handle(FindSubTaskByIndexQuery query) {
        long index = query.index();
        List<SubTaskView> found = index < 0 ? List.of() : jdbc.query(INDEXED + " where idx in (?, ?) order by idx",
                (rs, row) -> view(rs, rs.getLong("idx") == index && query.withImages(), true),
                query.taskId().value(), index, index + 1);
        SubTaskView current = found.stream().filter(s -> s.index() == index).findFirst().orElse(null);
        if (current == null) {
            return null;
        }
        SubTaskView following = query.withNext()
                ? found.stream().filter(s -> s.index() == index + 1).findFirst().orElse(null) : null;
        return new SubTaskView(current.taskId(), current.taskState(), current.comments(), current.id(),
                current.creatorId(), current.index(), following, current.images());
    }

    /** The sub-task's images as InstanceGET without extras, by id. */
    private List<Object> images(long subTaskId) {
        List<Long> ids = jdbc.queryForList(
                "select image_instance_id from subtask_image where subtask_id = ? order by image_instance_id", Long.class, subTaskId);
        Map<Long, InstanceView> views = images.instances(ids, false, ImagingReader.Extras.NONE);
        return ids.stream().map(id -> (Object) views.get(id)).toList();
    }

    private SubTaskView view(ResultSet rs, boolean withImages, boolean indexed) throws SQLException {
        long id = rs.getLong("id");
        List<Object> images = withImages ? images(id) : null;
        return new SubTaskView(rs.getLong("task_id"), rs.getString("task_state"), rs.getString("comments"), id,
                (Long) rs.getObject("creator_id"), indexed ? Integer.valueOf(rs.getInt("idx")) : null, null, images);
    }
}
