package dev.macula.query.tasks;

import dev.macula.api.tasks.SubTaskView;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskByIndexQuery;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskMessages.FindSubTasksQuery;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.TaskId;
import dev.macula.query.tasks.SubTaskQueryHandler.SubTasksResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sub-task read endpoints (docs/api.md §3.9, docs/api.md §3.10): by id, the task's list, the seed's
 * {@code /subtasks-with-images}, and by index with {@code with_next}.
 */
@RestController
class SubTaskQueryController {

    private final QueryGateway queries;

    SubTaskQueryController(QueryGateway queries) {
        this.queries = queries;
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
        SubTaskView view = taskId <= 0 ? null : queries.query(new FindSubTaskByIndexQuery(TaskId.of(taskId), index,
                images, next), ResponseTypes.instanceOf(SubTaskView.class)).join();
        if (view == null) {
            throw ApiException.notFound("SubTask not found");
        }
        return view;
    }

    private SubTasksResponse page(long taskId, boolean withImages, int limit, int page, SubTaskState status) {
        SubTasksResponse response = taskId <= 0 ? null : queries.query(
                new FindSubTasksQuery(TaskId.of(taskId), withImages, limit, page, status),
                ResponseTypes.instanceOf(SubTasksResponse.class)).join();
        if (response == null) {
            throw ApiException.notFound("Task not found");
        }
        return response;
    }
}
