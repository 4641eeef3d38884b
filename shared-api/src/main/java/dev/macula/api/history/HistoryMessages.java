package dev.macula.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** Queries on the event store itself. */
public final class HistoryMessages {

    private HistoryMessages() {
    }

    /** The events of one aggregate in order. Answer: a list of {@link HistoryEntry}; empty when unknown. */
    public record FindHistoryQuery(String aggregateIdentifier) {
    }

    /**
     * The activity feed: events with a position above {@code after}, in position order, at most
     * {@code limit}. Every filter may be null: {@code actorId} (who), {@code since} (inclusive) and
     * {@code until} (exclusive) on the event's timestamp, {@code entityType} (a canonical aggregate
     * identifier prefix such as {@code form-annotation}). Answer: {@link ActivityFeed}.
     */
    public record FindActivityQuery(Long actorId, Instant since, Instant until, String entityType, long after,
                                    int limit) {
    }

    /** {@code {"events": [...], "next": position or null}}; {@code next} is the {@code after} of the next page. */
    public record ActivityFeed(List<ActivityEntry> events, @JsonInclude(JsonInclude.Include.ALWAYS) Long next) {
    }
}
