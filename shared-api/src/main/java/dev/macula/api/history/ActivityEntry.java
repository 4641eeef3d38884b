package dev.macula.api.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One event of the activity feed: the per-object {@link HistoryEntry} plus the object it happened
 * to — {@code entity_type} in its canonical spelling ({@code form-annotation}) and the integer id
 * the API shows.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityEntry(@JsonUnwrapped HistoryEntry entry, String entityType, Long entityId) {
}
