package dev.macula.api.common;

/**
 * The integer id the API speaks, typed per entity. {@code toString()} is the aggregate identifier
 * in the event store ({@code "tag:5"}), so tag 5 and user 5 never share a stream (docs/architecture.md, Messages and identity).
 */
public interface EntityId {

    long value();

    /** The prefix of the aggregate identifier, also the entity type of the history endpoint. */
    String entityType();

    static String aggregateIdentifier(String entityType, long value) {
        return entityType + ":" + value;
    }
}
