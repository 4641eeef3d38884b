package dev.macula.api.tagging;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;

import java.time.LocalDateTime;

/** TagGET (docs/api.md §3.0.2). Times are UTC without offset, whole seconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"name", "tag_type", "description", "id", "creator", "date_inserted"})
public record TagView(String name, TagType tagType, String description, long id, CreatorMeta creator,
                      LocalDateTime dateInserted) {
}
