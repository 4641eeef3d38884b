package dev.macula.query.history;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import java.time.Instant;
import java.util.function.Function;

/**
 * A row of the event store after the upcaster chain, with its global position, decoded only as far as
 * the renderer asks: {@link HistoryEntries} needs the payload object, a timestamp and three metadata
 * values, not a whole Axon message (whose metadata map alone cost a third of the export's time).
 */
final class EventRow {

    private final long position;
    private final IntermediateEventRepresentation stored;
    private final Serializer serializer;
    private final Function<SerializedType, Class<?>> classes;

    /** {@code classes}: the serializer's {@link Serializer#classForType}, perhaps cached. */
    EventRow(long position, IntermediateEventRepresentation stored, Serializer serializer,
                Function<SerializedType, Class<?>> classes) {
        this.position = position;
        this.stored = stored;
        this.serializer = serializer;
        this.classes = classes;
    }

    long position() {
        return position;
    }

    /** {@code tag:12}: the entity type and id the platform names its aggregates by. */
    String aggregateIdentifier() {
        return stored.getAggregateIdentifier().orElse("");
    }

    long sequenceNumber() {
        return stored.getSequenceNumber().orElse(0L);
    }

    Instant timestamp() {
        return stored.getTimestamp();
    }

    Class<?> payloadType() {
        return classes.apply(stored.getType());
    }

    Object payload() {
        return serializer.deserialize(stored.getData());
    }

    /** The payload's JSON as stored (after the upcaster chain), or null when an upcaster turned it into another form. */
    byte[] payloadJson() {
        return stored.getData().getData() instanceof byte[] json ? json : null;
    }

    /** The metadata values the renderer shows (actor, request id), read without building the whole map. */
    EventStamp stamp() {
        return EventStamp.of(stored.getMetaData());
    }
}
