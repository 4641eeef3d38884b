package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.macula.api.history.ActivityEntry;
import dev.macula.api.history.EventExportLine;
import dev.macula.api.history.HistoryEntry;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The one renderer of a stored event as the API shows it: an object's history, the activity feed and
 * the event export ({@link EventExporter}) all turn a {@link EventRow} into an entry here,
 * so they cannot drift apart. Payloads are shown in the API's snake_case; password hashes and tokens
 * are redacted. The export, which renders millions of events, writes lines straight into its buffer
 * and copies most payloads from their stored JSON ({@link PayloadTranscoder}); tests hold both ways
 * equal ({@code PayloadTranscoderTest}, and {@code EventExportHttpTest} line for line against the feed).
 */
@Component
class HistoryEntries {

    static final String REDACTED = "[redacted]";

    /** Payloads as the API shows them: snake_case, secrets redacted ({@link RedactSecrets}). */
    private final JsonMapper payloads = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("redact-secrets").setSerializerModifier(new RedactSecrets()))
            .build();
    private final ObjectWriter payloadWriter = payloads.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    /** Per payload type: how the export copies its stored JSON instead of decoding it, if it can. */
    private final ClassValue<Optional<PayloadTranscoder>> transcoders = new ClassValue<>() {
        @Override
        protected Optional<PayloadTranscoder> computeValue(Class<?> type) {
            return Optional.ofNullable(PayloadTranscoder.forType(type, payloads));
        }
    };
    private final ThreadLocal<TranscodedPayload> scratch = ThreadLocal.withInitial(TranscodedPayload::new);

    ActivityEntry activity(EventRow located) {
        Entity entity = Entity.of(located.aggregateIdentifier());
        return new ActivityEntry(entry(located), entity.type(), entity.id());
    }

    HistoryEntry entry(EventRow located) {
        EventStamp stamp = located.stamp();
        return new HistoryEntry(located.sequenceNumber(), typeName(located.payloadType()), at(located),
                actor(stamp), payloads.valueToTree(located.payload()), located.position(), requestId(stamp));
    }

    /**
     * The event as one line of the event export: {@link EventExportLine}'s fields in its order, with the
     * values {@link #activity} gives, written straight into {@code out}: no entry record and no payload
     * tree in between, which halved the export's work per event. {@code EventExportHttpTest} holds
     * the lines equal to the activity feed's entries, field for field.
     */
    void writeExportLine(EventRow located, JsonGenerator out) throws IOException {
        EventStamp stamp = located.stamp();
        Entity entity = Entity.of(located.aggregateIdentifier());
        HistoryEntry.Actor actor = actor(stamp);
        String requestId = requestId(stamp);
        out.writeStartObject();
        out.writeNumberField("position", located.position());
        out.writeStringField("type", typeName(located.payloadType()));
        out.writeStringField("entity_type", entity.type());
        out.writeFieldName("entity_id");
        writeNumberOrNull(out, entity.id());
        out.writeNumberField("sequence", located.sequenceNumber());
        out.writeStringField("at", IsoLocalDateTimes.format(at(located)));
        out.writeObjectFieldStart("actor");
        out.writeFieldName("id");
        writeNumberOrNull(out, actor.id());
        out.writeStringField("name", actor.name());
        out.writeEndObject();
        out.writeStringField("request_id", requestId);
        out.writeFieldName("payload");
        writePayload(located, out);
        out.writeEndObject();
    }

    /**
     * The payload as {@link #entry} shows it: copied from its stored JSON by the type's
     * {@link PayloadTranscoder} when there is one and the stored form is the one it knows, otherwise
     * decoded and written by the API's mapper.
     */
    void writePayload(EventRow located, JsonGenerator out) throws IOException {
        byte[] stored = located.payloadJson();
        PayloadTranscoder transcoder = stored == null ? null : transcoders.get(located.payloadType()).orElse(null);
        if (transcoder != null) {
            TranscodedPayload payload = scratch.get();
            if (payload.transcode(transcoder, stored)) {
                out.writeRawValue(payload.chars(), 0, payload.length());
                return;
            }
        }
        payloadWriter.writeValue(out, located.payload());
    }

    private static void writeNumberOrNull(JsonGenerator out, Long value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }

    /** UTC without offset, like every time the API shows. */
    private static LocalDateTime at(EventRow located) {
        return LocalDateTime.ofInstant(located.timestamp().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String requestId(EventStamp stamp) {
        return stamp.requestId() == null ? null : stamp.requestId().toString();
    }

    /** {@code tag:12} → type {@code tag}, id 12; an aggregate that is not an entity of the API has no id. */
    private record Entity(String type, Long id) {

        static Entity of(String aggregate) {
            int colon = aggregate.indexOf(':');
            Long id = null;
            try {
                id = Long.valueOf(aggregate.substring(colon + 1));
            } catch (NumberFormatException e) {
                // not an entity of the API (no such aggregate today): shown without an id
            }
            return new Entity(colon < 0 ? aggregate : aggregate.substring(0, colon), id);
        }
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

    private static HistoryEntry.Actor actor(EventStamp stamp) {
        Object id = stamp.actorId();
        Long actorId = id instanceof Number number ? Long.valueOf(number.longValue())
                : id instanceof String text ? parseOrNull(text) : null;
        Object name = stamp.actorName();
        return new HistoryEntry.Actor(actorId, name == null ? "system" : name.toString());
    }

    /**
     * Password hashes ({@code password_hash}, {@code legacy_password_hash}) and any token a payload may
     * carry are shown as {@value #REDACTED} (null stays null), at any depth: a serializer rule rather
     * than an edit of the written tree, so the export can write payloads without building one.
     */
    private static final class RedactSecrets extends BeanSerializerModifier {

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                         List<BeanPropertyWriter> properties) {
            return properties.stream().map(p -> isSecret(p.getName()) ? new Redacted(p) : p).toList();
        }
    }

    private static final class Redacted extends BeanPropertyWriter {

        Redacted(BeanPropertyWriter secret) {
            super(secret);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator out, SerializerProvider provider) throws Exception {
            if (get(bean) == null) {
                super.serializeAsField(bean, out, provider);
            } else {
                out.writeStringField(getName(), REDACTED);
            }
        }
    }

    static boolean isSecret(String field) {
        return field.endsWith("_hash") || field.equals("token") || field.endsWith("_token");
    }
}
