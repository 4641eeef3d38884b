package dev.macula.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.history.ActivityEntry;
import dev.macula.api.history.HistoryEntry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one renderer of a stored event as the API shows it: an object's history, the activity feed and
 * the event export ({@link EventExporter}) all turn a {@link HistoryReader.Located} into an entry here,
 * so they cannot drift apart. Payloads are shown in the API's snake_case; password hashes and tokens
 * are redacted.
 */
@Component
class HistoryEntries {

    private static final String REDACTED = "[redacted]";

    private final JsonMapper payloads = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .build();

    ActivityEntry activity(HistoryReader.Located located) {
        String aggregate = located.event().getAggregateIdentifier();
        int colon = aggregate.indexOf(':');
        Long id = null;
        try {
            id = Long.valueOf(aggregate.substring(colon + 1));
        } catch (NumberFormatException e) {
            // not an entity of the API (no such aggregate today): shown without an id
        }
        return new ActivityEntry(entry(located), colon < 0 ? aggregate : aggregate.substring(0, colon), id);
    }

    HistoryEntry entry(HistoryReader.Located located) {
        DomainEventMessage<?> event = located.event();
        MetaData metaData = event.getMetaData();
        Object requestId = metaData.get(MessageMetadata.REQUEST_ID);
        return new HistoryEntry(event.getSequenceNumber(), typeName(event.getPayloadType()),
                event.getTimestamp().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime(),
                actor(metaData), redact(payloads.valueToTree(event.getPayload())), located.position(),
                requestId == null ? null : requestId.toString());
    }

    /** {@code TagCreatedEvent} → {@code TagCreated}: the {@code type} of an entry. */
    static String typeName(Class<?> payloadType) {
        String name = payloadType.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    /** Like the index function of V17: an unreadable actor id is no actor id, never a failed page. */
    private static Long parseOrNull(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HistoryEntry.Actor actor(MetaData metaData) {
        Object id = metaData.get(MessageMetadata.ACTOR_ID);
        Long actorId = id instanceof Number number ? Long.valueOf(number.longValue())
                : id instanceof String text ? parseOrNull(text) : null;
        Object name = metaData.get(MessageMetadata.ACTOR_NAME);
        return new HistoryEntry.Actor(actorId, name == null ? "system" : name.toString());
    }

    private static JsonNode redact(JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> secret = new ArrayList<>();
            fields.forEachRemaining(field -> {
                if (isSecret(field.getKey()) && !field.getValue().isNull()) {
                    secret.add(field.getKey());
                }
            });
            secret.forEach(key -> object.put(key, REDACTED));
        }
        return payload;
    }

    /** Password hashes ({@code password_hash}, {@code legacy_password_hash}) and any token a payload may carry. */
    private static boolean isSecret(String field) {
        return field.endsWith("_hash") || field.equals("token") || field.endsWith("_token");
    }
}
