package dev.macula.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDateTime;

/**
 * One event in an object's history:
 * {@code {"sequence", "type", "at", "actor", "payload", "position", "request_id"}}.
 * {@code at} is UTC without offset like every time the API shows; {@code actor.id} is null for
 * what the system did by itself (e.g. the admin bootstrap). {@code position} is the event's global
 * position in the event store (the platform's clock: it only grows, with gaps);
 * {@code request_id} is the {@code X-Request-ID} of the HTTP request that caused the event, null
 * for events caused outside a request.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"sequence", "type", "at", "actor", "payload", "position", "request_id"})
public record HistoryEntry(long sequence, String type, LocalDateTime at, Actor actor, JsonNode payload,
                           long position, @JsonInclude(JsonInclude.Include.ALWAYS) String requestId) {

    public record Actor(@JsonInclude(JsonInclude.Include.ALWAYS) Long id, String name) {
    }
}
