package dev.macula.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDateTime;

/**
 * One line of the event export ({@code GET /api/admin/events}, application/x-ndjson):
 * {@code {"position", "type", "entity_type", "entity_id", "sequence", "at", "actor", "request_id", "payload"}}.
 * The same values as the activity feed's {@link ActivityEntry} for the same event, position first.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"position", "type", "entity_type", "entity_id", "sequence", "at", "actor", "request_id", "payload"})
public record EventExportLine(long position, String type, String entityType, Long entityId, long sequence,
                            LocalDateTime at, HistoryEntry.Actor actor, String requestId, JsonNode payload) {

    public static EventExportLine of(ActivityEntry activity) {
        HistoryEntry entry = activity.entry();
        return new EventExportLine(entry.position(), entry.type(), activity.entityType(), activity.entityId(),
                entry.sequence(), entry.at(), entry.actor(), entry.requestId(), entry.payload());
    }
}
