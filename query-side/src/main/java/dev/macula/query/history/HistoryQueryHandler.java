package dev.macula.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.history.ActivityEntry;
import dev.macula.api.history.HistoryEntry;
import dev.macula.api.history.HistoryMessages.ActivityFeed;
import dev.macula.api.history.HistoryMessages.FindActivityQuery;
import dev.macula.api.history.HistoryMessages.FindHistoryQuery;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads history straight from the event store — there is no separate audit table to drift from the
 * truth. One renderer for both answers: an object's history and the activity feed show the same
 * entry for the same event. Payloads are shown in the API's snake_case; password hashes are redacted.
 */
@Component
class HistoryQueryHandler {

    private static final String REDACTED = "[redacted]";

    private final HistoryReader reader;
    private final JsonMapper payloads = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .build();

    HistoryQueryHandler(HistoryReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    List<HistoryEntry> handle(FindHistoryQuery query) {
        return reader.ofAggregate(query.aggregateIdentifier()).stream().map(this::entry).toList();
    }

    /**
     * The filters become one SQL condition on {@code domainevententry}, walked in position order from
     * {@code after}: the primary key, or for an actor the V17 index (actor id, position), or for a
     * recent {@code since} the V17 timestamp index — the planner chooses. One row more than asked
     * tells whether a next page exists. Worst case (a filter matching few events far from {@code after},
     * e.g. a time window deep in the past) is a walk of the primary key: measured ~0.35 s per million
     * events passed over. Positions are allocated before commit, so a page read at the very head may
     * miss an event of a transaction still committing with a lower position (Axon's tracking
     * processors handle such gaps; this feed does not): read the head again a few seconds later.
     */
    @QueryHandler
    ActivityFeed handle(FindActivityQuery query) {
        StringBuilder where = new StringBuilder("globalindex > ?");
        List<Object> args = new ArrayList<>(List.of(query.after()));
        if (query.actorId() != null) {
            where.append(" and macula_event_actor_id(metadata) = ?");
            args.add(query.actorId());
        }
        if (query.since() != null) {
            where.append(" and timestamp >= ?");
            args.add(storedTimestamp(query.since()));
        }
        if (query.until() != null) {
            where.append(" and timestamp < ?");
            args.add(storedTimestamp(query.until()));
        }
        if (query.entityType() != null) {
            where.append(" and starts_with(aggregateidentifier, ?)");
            args.add(query.entityType() + ":");
        }
        List<HistoryReader.Located> found = reader.inPositionOrder(where.toString(), args, query.limit() + 1);
        boolean more = found.size() > query.limit();
        List<ActivityEntry> events = found.stream().limit(query.limit()).map(this::activity).toList();
        return new ActivityFeed(events, more ? events.get(events.size() - 1).entry().position() : null);
    }

    /**
     * Axon stores timestamps as fixed-width UTC text with milliseconds ({@link DateTimeUtils#formatInstant}),
     * so text order is time order. An instant between two milliseconds rounds up: an event at
     * {@code .692} is before {@code .6925}, as the entry's {@code at} shows.
     */
    private static String storedTimestamp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return DateTimeUtils.formatInstant(millis.equals(instant) ? millis : millis.plusMillis(1));
    }

    private ActivityEntry activity(HistoryReader.Located located) {
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

    private HistoryEntry entry(HistoryReader.Located located) {
        DomainEventMessage<?> event = located.event();
        MetaData metaData = event.getMetaData();
        Object requestId = metaData.get(MessageMetadata.REQUEST_ID);
        return new HistoryEntry(event.getSequenceNumber(), typeName(event.getPayloadType()),
                event.getTimestamp().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime(),
                actor(metaData), redact(payloads.valueToTree(event.getPayload())), located.position(),
                requestId == null ? null : requestId.toString());
    }

    /** {@code TagCreatedEvent} → {@code TagCreated}. */
    private static String typeName(Class<?> payloadType) {
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
                if (field.getKey().endsWith("_hash") && !field.getValue().isNull()) {
                    secret.add(field.getKey());
                }
            });
            secret.forEach(key -> object.put(key, REDACTED));
        }
        return payload;
    }
}
