package dev.macula.command.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.AddSubTaskImagesCommand;
import dev.macula.api.tasks.SubTaskMessages.CreateSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.DeleteSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskMessages.RemoveSubTaskImageCommand;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.UpdateSubTaskCommand;
import dev.macula.api.tasks.SubTaskView;
import dev.macula.api.tasks.TaskId;
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
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** Writes on sub-tasks (docs/api.md §3.10, plus creation and the seed's {@code image_ids} bodies). */
@RestController
class SubTaskController {

    private static final String NOT_FOUND = "SubTask not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;
    private final TaskLookups lookups;

    SubTaskController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids, TaskLookups lookups) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.lookups = lookups;
    }

    /** New: {@code {"image_ids": [...], "creator_id"?, "comments"?}} → SubTaskWithImagesGET. */
    @PostMapping("/api/task/{task_id}/subtasks")
    SubTaskView create(@PathVariable("task_id") long taskId, JsonBody body) {
        List<InstanceId> images = images(body.raw("image_ids"), "image_ids");
        Long creatorId = body.optionalInt("creator_id");
        String comments = body.optionalString("comments", 100_000);
        body.validate();
        if (!lookups.exists(ReadModel.TASK, taskId)) {
            throw ApiException.notFound("Task not found");
        }
        if (creatorId != null && !lookups.exists(ReadModel.USER, creatorId)) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "creator_id"),
                    "Value error, user " + creatorId + " does not exist", creatorId));
        }
        SubTaskId id = SubTaskId.of(ids.next(SubTaskId.TYPE));
        commands.send(new CreateSubTaskCommand(id, TaskId.of(taskId), creatorId, comments, images));
        return find(id, true);
    }

    /** {@code task_state} must be NotStarted, Busy or Ready (422 otherwise, docs/api.md §9.2 item 13). */
    @PatchMapping("/api/subtasks/{subtaskid}")
    SubTaskView update(@PathVariable("subtaskid") long subTaskId, JsonBody body) {
        String comments = body.optionalString("comments", 100_000);
        SubTaskState state = body.optionalEnum("task_state", SubTaskState.class);
        body.validate();
        SubTaskId id = existing(subTaskId);
        commands.send(new UpdateSubTaskCommand(id, comments, state), NOT_FOUND);
        return find(id, false);
    }

    @DeleteMapping("/api/subtasks/{subtaskid}")
    ResponseEntity<Void> delete(@PathVariable("subtaskid") long subTaskId) {
        commands.send(new DeleteSubTaskCommand(existing(subTaskId)), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    /** Accepts the viewer's {@code {"instance_id"}} and the seed's {@code {"image_ids": [...]}}; idempotent. */
    @PostMapping("/api/subtasks/{subtaskid}/images")
    SubTaskView addImages(@PathVariable("subtaskid") long subTaskId, JsonBody body) {
        List<InstanceId> images;
        if (body.containsKey("image_ids")) {
            images = images(body.raw("image_ids"), "image_ids");
        } else {
            Long one = body.requiredInt("instance_id");
            body.validate();
            images = one == null ? List.of() : List.of(image(one));
        }
        body.validate();
        SubTaskId id = existing(subTaskId);
        commands.send(new AddSubTaskImagesCommand(id, images), NOT_FOUND);
        return find(id, true);
    }

    /** 200 with the sub-task after removal (docs/api.md §0.7); 404 "Link not found" when not linked. */
    @DeleteMapping("/api/subtasks/{subtaskid}/images/{instance_id}")
    SubTaskView removeImage(@PathVariable("subtaskid") long subTaskId, @PathVariable("instance_id") long instanceId) {
        if (instanceId <= 0 || !lookups.exists(ReadModel.SUBTASK, subTaskId)) {
            throw ApiException.notFound("Link not found");
        }
        commands.send(new RemoveSubTaskImageCommand(SubTaskId.of(subTaskId), InstanceId.of(instanceId)), "Link not found");
        return find(SubTaskId.of(subTaskId), true);
    }

    private List<InstanceId> images(JsonNode list, String field) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new RequestValidationException(ValidationError.of("list_type", List.of("body", field),
                    "Input should be a valid list", list));
        }
        List<InstanceId> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            Long value = item.isIntegralNumber() ? Long.valueOf(item.longValue())
                    : item.isTextual() ? LaxValues.integer(item.textValue()) : null;
            if (value == null) {
                throw new RequestValidationException(ValidationError.of("int_parsing", List.of("body", field, i),
                        "Input should be a valid integer", item));
            }
            result.add(image(value));
        }
        return result;
    }

    private InstanceId image(long id) {
        if (!lookups.exists(ReadModel.IMAGE, id)) {
            throw ApiException.notFound("ImageInstance not found");
        }
        return InstanceId.of(id);
    }

    private SubTaskId existing(long id) {
        if (!lookups.exists(ReadModel.SUBTASK, id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return SubTaskId.of(id);
    }

    private SubTaskView find(SubTaskId id, boolean withImages) {
        return queries.query(new FindSubTaskQuery(id, withImages), ResponseTypes.instanceOf(SubTaskView.class))
                .join();
    }
}
