package dev.macula.query.tasks;

import dev.macula.api.tasks.TaskDefinitionView;
import dev.macula.api.tasks.TaskView;
import dev.macula.api.common.ApiException;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.FindTaskDefinitionsQuery;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskMessages.FindTasksQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/task}, {@code /api/task/{id}} and {@code /api/task-definitions} (docs/api.md §3.0.12). */
@RestController
class TaskQueryController {

    private final QueryGateway queries;

    TaskQueryController(QueryGateway queries) {
        this.queries = queries;
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
        return queries.query(new FindTaskDefinitionsQuery(), ResponseTypes.multipleInstancesOf(TaskDefinitionView.class))
                .join();
    }
}
