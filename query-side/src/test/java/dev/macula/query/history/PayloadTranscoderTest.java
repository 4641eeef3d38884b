package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.api.identity.UserEvents;
import dev.macula.api.tagging.TagLinkEvents;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export copies most payloads from their stored JSON ({@link PayloadTranscoder}) instead of decoding
 * them; the history and the activity feed decode them ({@link HistoryEntries#entry}). For every event
 * type of the platform, with random values (odd strings, nulls, nested trees with camelCase names), both
 * ways must give the same text — and a stored form the transcoder does not know (older, reordered,
 * with a property more or less) must still come out as the decoding path writes it.
 */
class PayloadTranscoderTest {

    private static final int SAMPLES = 40;
    private static final Random RANDOM = new Random(61206);

    /** As Spring Boot builds the application's mapper, which Axon's event serializer uses. */
    private static final ObjectMapper STORE = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(STORE).build();
    private static final ObjectMapper API = new ObjectMapper();

    private static List<Class<?>> eventTypes;
    private final HistoryEntries entries = new HistoryEntries();

    @BeforeAll
    static void findEventTypes() throws Exception {
        var resolver = new PathMatchingResourcePatternResolver();
        var readers = new CachingMetadataReaderFactory(resolver);
        eventTypes = new ArrayList<>();
        for (Resource resource : resolver.getResources("classpath*:dev/macula/api/**/*Event.class")) {
            Class<?> type = Class.forName(readers.getMetadataReader(resource).getClassMetadata().getClassName());
            if (type.isRecord()) {
                eventTypes.add(type);
            }
        }
        assertThat(eventTypes).as("the platform's event records").hasSizeGreaterThan(40);
    }

    @Test
    void everyEventTypeIsShownAlikeBothWays() throws Exception {
        TreeSet<String> decodedOnly = new TreeSet<>();
        for (Class<?> type : eventTypes) {
            PayloadTranscoder transcoder = PayloadTranscoder.forType(type, API);
            if (transcoder == null) {
                decodedOnly.add(type.getSimpleName());
            }
            for (int i = 0; i < SAMPLES; i++) {
                Object payload = instance(type);
                EventRow stored = stored(payload, STORE.writeValueAsBytes(payload));
                String decoded = API.writeValueAsString(entries.entry(stored).payload());
                assertThat(exported(stored)).as(type.getSimpleName()).isEqualTo(decoded);
                if (transcoder != null) {
                    TranscodedPayload scratch = new TranscodedPayload();
                    assertThat(scratch.transcode(transcoder, STORE.writeValueAsBytes(payload)))
                            .as("%s is copied, not decoded: %s", type.getSimpleName(), STORE.writeValueAsString(payload))
                            .isTrue();
                }
            }
        }
        // the types with dates (shown differently by the two mappers) are decoded; most are copied
        assertThat(decodedOnly).as("event types the export decodes").hasSizeLessThan(eventTypes.size() / 4);
        assertThat(PayloadTranscoder.forType(TagLinkEvents.TagAttachedEvent.class, API)).as("nested record").isNotNull();
        assertThat(PayloadTranscoder.forType(UserEvents.UserRegisteredEvent.class, API)).as("secrets").isNotNull();
    }

    @Test
    void storedFormsTheTranscoderDoesNotKnowAreDecoded() throws Exception {
        for (Class<?> type : eventTypes) {
            Object payload = instance(type);
            ObjectNode canonical = STORE.valueToTree(payload);
            List<ObjectNode> variants = new ArrayList<>();
            ObjectNode extra = canonical.deepCopy();
            extra.put("removedLongAgo", "x");
            variants.add(extra);
            if (canonical.size() > 1) {
                ObjectNode missing = canonical.deepCopy();
                missing.remove(canonical.fieldNames().next());
                variants.add(missing);
                ObjectNode reordered = JsonNodeFactory.instance.objectNode();
                List<String> names = new ArrayList<>();
                canonical.fieldNames().forEachRemaining(names::add);
                for (int i = names.size() - 1; i >= 0; i--) {
                    reordered.set(names.get(i), canonical.get(names.get(i)));
                }
                variants.add(reordered);
            }
            for (ObjectNode variant : variants) {
                EventRow stored = stored(payload, STORE.writeValueAsBytes(variant));
                assertThat(exported(stored)).as("%s stored as %s", type.getSimpleName(), variant)
                        .isEqualTo(API.writeValueAsString(entries.entry(stored).payload()));
            }
        }
    }

    @Test
    void secretsAreHiddenByBothWays() throws Exception {
        UserEvents.UserRegisteredEvent user;
        do { // a random instance may have no hash at all, which has nothing to hide
            user = (UserEvents.UserRegisteredEvent) instance(UserEvents.UserRegisteredEvent.class);
        } while (user.passwordHash() == null);
        EventRow stored = stored(user, STORE.writeValueAsBytes(user));
        JsonNode shown = API.readTree(exported(stored));
        assertThat(shown.get("password_hash").asText()).isEqualTo(HistoryEntries.REDACTED);
        assertThat(entries.entry(stored).payload().get("password_hash").asText()).isEqualTo(HistoryEntries.REDACTED);
    }

    private String exported(EventRow stored) throws Exception {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = API.getFactory().createGenerator(text)) {
            entries.writePayload(stored, out);
        }
        return text.toString();
    }

    private static EventRow stored(Object payload, byte[] json) {
        var row = new GenericDomainEventEntry<>("Aggregate", "tag:1", 0, "id-1", Instant.now(),
                payload.getClass().getName(), null, json, "{}".getBytes(StandardCharsets.UTF_8));
        return new EventRow(1, new InitialEventRepresentation(row, SERIALIZER), SERIALIZER, SERIALIZER::classForType);
    }

    /** A record of {@code type} with random component values (constructors that refuse a value get another). */
    private static Object instance(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        for (int attempt = 0; ; attempt++) {
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = value(components[i].getGenericType(), attempt < 5);
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException refused) {
                if (attempt > 20) {
                    throw new AssertionError(type + " refuses every generated value", refused.getCause());
                }
            }
        }
    }

    private static Object value(Type type, boolean nullsAllowed) throws Exception {
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                for (int i = RANDOM.nextInt(4); i > 0; i--) {
                    list.add(value(generic.getActualTypeArguments()[0], false));
                }
                return list;
            }
            if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = RANDOM.nextInt(3); i > 0; i--) {
                    map.put(value(generic.getActualTypeArguments()[0], false), value(generic.getActualTypeArguments()[1], false));
                }
                return map;
            }
            throw new AssertionError("no generator for " + type + ": add one");
        }
        Class<?> c = (Class<?>) type;
        if (!c.isPrimitive() && nullsAllowed && RANDOM.nextInt(6) == 0) {
            return null;
        }
        if (c == long.class || c == Long.class) {
            return RANDOM.nextInt(3) == 0 ? RANDOM.nextLong(1, Long.MAX_VALUE) : RANDOM.nextLong(1, 100_000);
        }
        if (c == int.class || c == Integer.class) {
            return RANDOM.nextInt(1, 5000);
        }
        if (c == double.class || c == Double.class) {
            return RANDOM.nextInt(2) == 0 ? RANDOM.nextDouble() : RANDOM.nextInt(100) * 1.0;
        }
        if (c == boolean.class || c == Boolean.class) {
            return RANDOM.nextBoolean();
        }
        if (c == String.class) {
            return text();
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[RANDOM.nextInt(constants.length)];
        }
        if (c == LocalDate.class) {
            return LocalDate.ofEpochDay(RANDOM.nextInt(-20_000, 30_000));
        }
        if (c == LocalDateTime.class) {
            return LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(RANDOM.nextLong(0, 1L << 55));
        }
        if (c == Instant.class) {
            return Instant.ofEpochSecond(RANDOM.nextLong(0, 4_000_000_000L), RANDOM.nextInt(1_000_000_000));
        }
        if (JsonNode.class.isAssignableFrom(c)) {
            return tree(3);
        }
        if (c.isRecord()) {
            return instance(c);
        }
        throw new AssertionError("no generator for " + c + ": add one");
    }

    private static String text() {
        String[] pieces = {"plain", "Ünïcødé", "quote\"d", "back\\slash", "tab\there", "line\nbreak", "😀", "", " ",
                "</script>", "\u0001"};
        StringBuilder out = new StringBuilder();
        for (int i = RANDOM.nextInt(4); i >= 0; i--) {
            out.append(pieces[RANDOM.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    /** A form-data-like tree whose camelCase names must come out untouched. */
    private static JsonNode tree(int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = RANDOM.nextInt(5); i > 0; i--) {
            String name = "fieldName" + i;
            switch (RANDOM.nextInt(depth > 0 ? 8 : 6)) {
                case 0 -> object.put(name, RANDOM.nextInt());
                case 1 -> object.put(name, RANDOM.nextLong());
                case 2 -> object.put(name, RANDOM.nextDouble() * Math.pow(10, RANDOM.nextInt(-8, 12)));
                case 3 -> object.put(name, text());
                case 4 -> object.putNull(name);
                case 5 -> object.put(name, RANDOM.nextBoolean());
                case 6 -> object.set(name, tree(depth - 1));
                default -> {
                    ArrayNode array = object.putArray(name);
                    array.add(RANDOM.nextInt(100)).add(0.1).add(text()).add(tree(depth - 1));
                }
            }
        }
        return object;
    }
}
