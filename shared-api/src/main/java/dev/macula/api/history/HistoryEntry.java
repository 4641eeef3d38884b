package dev.macula.api.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDateTime;

/**
 * One event in an object's history: {@code {"sequence", "type", "at", "actor", "payload"}}.
 * {@code at} is UTC without offset like every time the API shows; {@code actor.id} is null for
 * what the system did by itself (e.g. the admin bootstrap).
 */
public record HistoryEntry(long sequence, String type, LocalDateTime at, Actor actor, JsonNode payload) {

    public record Actor(Long id, String name) {
    }
}
