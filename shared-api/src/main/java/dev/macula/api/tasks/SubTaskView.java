package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * SubTaskGET, with {@code images} (InstanceGET each) only when asked for: read by id or by index and
 * answered by the sub-task's write endpoints.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"task_id", "task_state", "comments", "id", "creator_id", "index", "next_task", "images"})
public record SubTaskView(long taskId, String taskState, String comments, long id, Long creatorId, Integer index,
                          SubTaskView nextTask, @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> images) {
}
