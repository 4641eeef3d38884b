package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;

import java.time.LocalDateTime;

/** TaskGET (docs/api.md §3.0.12): read by id and answered by the task's write endpoints. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "description", "contact_id", "task_definition_id", "id", "date_inserted", "num_tasks",
        "num_tasks_ready", "creator", "task_state", "task_definition"})
public record TaskView(String name, String description, Long contactId, long taskDefinitionId, long id,
                       LocalDateTime dateInserted, int numTasks, int numTasksReady, CreatorMeta creator, String taskState,
                       TaskDefinitionView taskDefinition) {
}
