package dev.macula.query.tasks;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.imaging.ImagingQueries.FindInstanceQuery;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Sub-task reads (contract §3.9, §3.10): by id, the task's list with absolute indices that stay
 * stable under the state filter, by index with {@code with_next}, and the seed's
 * {@code /subtasks-with-images}.
 */
@RestController
class SubTaskQueries {

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    SubTaskQueries(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
        this.queries = queries;
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

    @GetMapping("/api/subtasks/{subtaskid}")
    SubTaskView subTask(@PathVariable("subtaskid") long id,
                        @RequestParam(name = "with_images", required = false) String withImages) {
        SubTaskView view = id <= 0 ? null : queries.query(new FindSubTaskQuery(SubTaskId.of(id),
                LaxValues.queryBool("with_images", withImages, false)), ResponseTypes.instanceOf(SubTaskView.class)).join();
        if (view == null) {
            throw ApiException.notFound("SubTask not found");
        }
        return view;
    }

    @GetMapping("/api/task/{task_id}/subtasks")
    SubTasksResponse list(@PathVariable("task_id") long taskId,
                          @RequestParam(name = "with_images", required = false) String withImages,
                          @RequestParam(name = "limit", required = false) String limitText,
                          @RequestParam(name = "page", required = false) String pageText,
                          @RequestParam(name = "subtask_status", required = false) String status) {
        return page(taskId, LaxValues.queryBool("with_images", withImages, false),
                LaxValues.queryInt("limit", limitText, 200, 1, 10_000), LaxValues.queryInt("page", pageText, 0, 0, Integer.MAX_VALUE),
                LaxValues.queryEnum("subtask_status", status, SubTaskState.class));
    }

    /** The seed's form: the list with images. */
    @GetMapping("/api/task/{task_id}/subtasks-with-images")
    SubTasksResponse listWithImages(@PathVariable("task_id") long taskId,
                                    @RequestParam(name = "limit", required = false) String limitText,
                                    @RequestParam(name = "page", required = false) String pageText,
                                    @RequestParam(name = "subtask_status", required = false) String status) {
        return page(taskId, true, LaxValues.queryInt("limit", limitText, 200, 1, 10_000),
                LaxValues.queryInt("page", pageText, 0, 0, Integer.MAX_VALUE),
                LaxValues.queryEnum("subtask_status", status, SubTaskState.class));
    }

    @GetMapping("/api/task/{task_id}/subtask/{subtask_index}")
    SubTaskView byIndex(@PathVariable("task_id") long taskId, @PathVariable("subtask_index") long index,
                        @RequestParam(name = "with_images", required = false) String withImages,
                        @RequestParam(name = "with_next", required = false) String withNext) {
        boolean images = LaxValues.queryBool("with_images", withImages, false);
        boolean next = LaxValues.queryBool("with_next", withNext, false);
        List<SubTaskView> found = index < 0 ? List.of() : jdbc.query(INDEXED + " where idx in (?, ?) order by idx",
                (rs, row) -> view(rs, rs.getLong("idx") == index && images, true), taskId, index, index + 1);
        SubTaskView current = found.stream().filter(s -> s.index() == index).findFirst()
                .orElseThrow(() -> ApiException.notFound("SubTask not found"));
        SubTaskView following = next ? found.stream().filter(s -> s.index() == index + 1).findFirst().orElse(null) : null;
        return new SubTaskView(current.taskId(), current.taskState(), current.comments(), current.id(),
                current.creatorId(), current.index(), following, current.images());
    }

    private SubTasksResponse page(long taskId, boolean withImages, int limit, int page, SubTaskState status) {
        Integer tasks = jdbc.queryForObject("select count(*) from task where id = ?", Integer.class, taskId);
        if (tasks == null || tasks == 0) {
            throw ApiException.notFound("Task not found");
        }
        String filter = status == null ? "" : " where task_state = '" + status.name() + "'";
        List<SubTaskView> subtasks = jdbc.query(INDEXED + filter + " order by id limit ? offset ?",
                (rs, row) -> view(rs, withImages, true), taskId, limit, (long) limit * page);
        Integer count = jdbc.queryForObject("select count(*) from subtask where task_id = ?"
                + (status == null ? "" : " and task_state = '" + status.name() + "'"), Integer.class, taskId);
        return new SubTasksResponse(subtasks, limit, page, count == null ? 0 : count);
    }

    private SubTaskView view(ResultSet rs, boolean withImages, boolean indexed) throws SQLException {
        long id = rs.getLong("id");
        List<Object> images = withImages ? jdbc.queryForList(
                "select image_instance_id from subtask_image where subtask_id = ? order by image_instance_id", Long.class, id)
                .stream().map(image -> queries.query(new FindInstanceQuery(InstanceId.of(image), false, false, false, false),
                        ResponseTypes.instanceOf(Object.class)).join()).toList() : null;
        return new SubTaskView(rs.getLong("task_id"), rs.getString("task_state"), rs.getString("comments"), id,
                (Long) rs.getObject("creator_id"), indexed ? Integer.valueOf(rs.getInt("idx")) : null, null, images);
    }
}
