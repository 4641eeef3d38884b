package dev.macula.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.history.HistoryEntry;
import dev.macula.api.history.HistoryMessages.FindHistoryQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an object's history straight from the event store — there is no separate audit table to
 * drift from the truth. Payloads are shown in the API's snake_case; password hashes are redacted.
 */
@Component
class HistoryQueryHandler {

    private static final String REDACTED = "[redacted]";

    private final EventStore eventStore;
    private final JsonMapper payloads = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .build();

    HistoryQueryHandler(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<HistoryEntry> handle(FindHistoryQuery query) {
        List<HistoryEntry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(query.aggregateIdentifier());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            entries.add(new HistoryEntry(event.getSequenceNumber(), typeName(event.getPayloadType()),
                    event.getTimestamp().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime(),
                    actor(event.getMetaData()), redact(payloads.valueToTree(event.getPayload()))));
        }
        return entries;
    }

    /** {@code TagCreatedEvent} → {@code TagCreated}. */
    private static String typeName(Class<?> payloadType) {
        String name = payloadType.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    private static HistoryEntry.Actor actor(MetaData metaData) {
        Object id = metaData.get(MessageMetadata.ACTOR_ID);
        Long actorId = id instanceof Number number ? Long.valueOf(number.longValue())
                : id instanceof String text && !text.isBlank() ? Long.valueOf(text) : null;
        Object name = metaData.get(MessageMetadata.ACTOR_NAME);
        return new HistoryEntry.Actor(actorId, name == null ? "system" : name.toString());
    }

    private static JsonNode redact(JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> secret = new ArrayList<>();
            fields.forEachRemaining(field -> {
                if (field.getKey().endsWith("_hash") && !field.getValue().isNull()) {
                    secret.add(field.getKey());
                }
            });
            secret.forEach(key -> object.put(key, REDACTED));
        }
        return payload;
    }
}
