package dev.macula.api.history;

/** Queries on the event store itself. */
public final class HistoryMessages {

    private HistoryMessages() {
    }

    /** The events of one aggregate in order. Answer: a list of {@link HistoryEntry}; empty when unknown. */
    public record FindHistoryQuery(String aggregateIdentifier) {
    }
}
