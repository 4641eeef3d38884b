package dev.macula.api.tagging;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.macula.api.common.CreatorMeta;

import java.time.LocalDateTime;

/** A tag as attached to an object (docs/api.md §3.0.1): who attached it, when, with which comment. */
@JsonPropertyOrder({"id", "name", "tagger", "date", "comment"})
public record TagMeta(long id, String name, CreatorMeta tagger, LocalDateTime date, String comment) {
}
