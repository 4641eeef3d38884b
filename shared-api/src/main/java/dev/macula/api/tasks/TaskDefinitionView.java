package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDateTime;

/** TaskDefinitionGET: the answer of {@code POST /api/task-definitions}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"name", "id", "config", "date_inserted"})
public record TaskDefinitionView(String name, long id, JsonNode config, LocalDateTime dateInserted) {
}
