package dev.macula.command.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskDefinitionView;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.CreateTaskCommand;
import dev.macula.api.tasks.TaskMessages.CreateTaskDefinitionCommand;
import dev.macula.api.tasks.TaskMessages.DeleteTaskCommand;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskMessages.TaskState;
import dev.macula.api.tasks.TaskMessages.UpdateTaskCommand;
import dev.macula.api.tasks.TaskView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.command.common.ReadModel;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Task definitions (new, admin) and tasks (docs/api.md §3.9). */
@RestController
class TaskController {

    private static final String NOT_FOUND = "Task not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;
    private final TaskLookups lookups;

    TaskController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids, TaskLookups lookups) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.lookups = lookups;
    }

    /** {@code {"name", "config"?}} → TaskDefinitionGET; config defaults to {}. */
    @PostMapping("/api/task-definitions")
    TaskDefinitionView createDefinition(JsonBody body) {
        String name = body.requiredString("name", 256);
        JsonNode config = body.raw("config");
        body.validate();
        if (config != null && !config.isNull() && !config.isObject()) {
            throw new RequestValidationException(ValidationError.of("dict_type", List.of("body", "config"),
                    "Input should be a valid dictionary", config));
        }
        TaskDefinitionId id = TaskDefinitionId.of(ids.next(TaskDefinitionId.TYPE));
        JsonNode stored = config == null || config.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode() : config;
        commands.send(new CreateTaskDefinitionCommand(id, name, stored));
        return new TaskDefinitionView(name, id.value(), stored, lookups.definitionInsertedAt(id));
    }

    @PostMapping("/api/task")
    TaskView create(JsonBody body, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        String name = body.requiredString("name", 256);
        String description = body.optionalString("description", 100_000);
        Long contactId = body.optionalInt("contact_id");
        Long definition = body.requiredInt("task_definition_id");
        body.validate();
        requireDefinition(definition);
        TaskId id = TaskId.of(ids.next(TaskId.TYPE));
        commands.send(new CreateTaskCommand(id, name, description, contactId, TaskDefinitionId.of(definition),
                user.userId()));
        return find(id);
    }

    @PatchMapping("/api/task/{task_id}")
    TaskView update(@PathVariable("task_id") long taskId, JsonBody body) {
        String name = body.optionalString("name", 256);
        String description = body.optionalString("description", 100_000);
        Long contactId = body.optionalInt("contact_id");
        Long definition = body.optionalInt("task_definition_id");
        TaskState state = body.optionalEnum("task_state", TaskState.class);
        body.validate();
        TaskId id = existing(taskId);
        if (definition != null) {
            requireDefinition(definition);
        }
        commands.send(new UpdateTaskCommand(id, name, description, contactId,
                definition == null ? null : TaskDefinitionId.of(definition), state), NOT_FOUND);
        return find(id);
    }

    @DeleteMapping("/api/task/{task_id}")
    ResponseEntity<Void> delete(@PathVariable("task_id") long taskId) {
        commands.send(new DeleteTaskCommand(existing(taskId)), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    private void requireDefinition(long definition) {
        if (!lookups.exists(ReadModel.TASK_DEFINITION, definition)) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "task_definition_id"),
                    "Value error, task definition " + definition + " does not exist", definition));
        }
    }

    private TaskId existing(long taskId) {
        if (!lookups.exists(ReadModel.TASK, taskId)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return TaskId.of(taskId);
    }

    private TaskView find(TaskId id) {
        return queries.query(new FindTaskQuery(id), ResponseTypes.instanceOf(TaskView.class)).join();
    }
}
