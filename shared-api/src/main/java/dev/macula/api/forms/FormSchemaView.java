package dev.macula.api.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** FormSchemaGET: the answer of {@code POST /api/form-schemas}; {@code entity_type} may be null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "schema", "entity_type", "id"})
public record FormSchemaView(String name, JsonNode schema, String entityType, long id) {
}
