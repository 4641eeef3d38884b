package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a stored payload's JSON into the JSON the API shows for it without decoding it into its record
 * and encoding it again — for the event export, where that round trip was half of the work per event.
 * <p>
 * The API shows a payload as {@link HistoryEntries}' mapper writes the decoded record: property names in
 * snake_case, secrets redacted, every value written as the event store's mapper wrote it. So for a
 * record made only of values both mappers write alike — strings, numbers, booleans, enums, JSON trees,
 * single-value ids, lists and records of those, no Jackson annotations changing names or inclusion — the
 * stored text needs only its names translated. {@link #forType} builds that plan from the record's
 * components, or answers null for any other type (dates, maps, annotated records: the decoding path
 * stays). {@link #transcode} then copies the stored text, translating names, and gives up with
 * {@link NotCanonical} at anything but the exact form the store writes today (a property missing,
 * added, out of order, of another JSON type), so that older or unusual payloads take the decoding path.
 * {@code PayloadTranscoderTest} holds both ways equal for every event type of the platform.
 */
final class PayloadTranscoder {

    private static final SerializedString REDACTED = new SerializedString(HistoryEntries.REDACTED);

    private final List<Property> properties;

    private PayloadTranscoder(List<Property> properties) {
        this.properties = properties;
    }

    /** A stored form this transcoder does not copy: the caller decodes the payload instead. */
    static final class NotCanonical extends Exception {

        NotCanonical(String why) {
            super(why, null, false, false); // expected control flow: no stack trace
        }
    }

    /**
     * The plan for records of {@code type}, or null when its JSON is not a plain function of its stored
     * JSON. {@code api} is the mapper the API shows payloads with (to learn how it writes enum constants).
     */
    static PayloadTranscoder forType(Class<?> type, ObjectMapper api) {
        return plan(type, api, new HashSet<>());
    }

    /** Copies the payload the parser is at (just created: no token read yet) to {@code out}. */
    void transcode(JsonParser in, JsonGenerator out) throws IOException, NotCanonical {
        copyObject(in, in.nextToken(), out);
        if (in.nextToken() != null) {
            throw new NotCanonical("text after the payload");
        }
    }

    private void copyObject(JsonParser in, JsonToken token, JsonGenerator out) throws IOException, NotCanonical {
        if (token != JsonToken.START_OBJECT) {
            throw new NotCanonical("not an object");
        }
        out.writeStartObject();
        for (Property property : properties) {
            if (!property.stored().equals(in.nextFieldName())) {
                throw new NotCanonical("expected " + property.stored());
            }
            JsonToken value = in.nextToken();
            out.writeFieldName(property.api());
            if (property.secret() && value != JsonToken.VALUE_NULL) {
                in.skipChildren(); // any value but null is hidden, as the API's mapper hides it
                out.writeString(REDACTED);
            } else {
                property.value().copy(in, value, out);
            }
        }
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw new NotCanonical("more properties than the record has");
        }
        out.writeEndObject();
    }

    /** One record component: its stored name, the name the API shows, how its value is copied. */
    private record Property(String stored, SerializableString api, boolean secret, Value value) {
    }

    /** How a value of one Java type is checked and copied. */
    @FunctionalInterface
    private interface Value {

        void copy(JsonParser in, JsonToken token, JsonGenerator out) throws IOException, NotCanonical;
    }

    private static PayloadTranscoder plan(Class<?> type, ObjectMapper api, Set<Class<?>> visiting) {
        if (!type.isRecord() || hasJacksonAnnotation(type) || hasExtraGetter(type) || !visiting.add(type)) {
            return null;
        }
        List<Property> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (hasJacksonAnnotation(component) || hasJacksonAnnotation(component.getAccessor())
                    || hasJacksonAnnotation(field(type, component.getName()))) {
                return null;
            }
            Value value = value(component.getGenericType(), api, visiting);
            if (value == null) {
                return null;
            }
            String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            properties.add(new Property(component.getName(), new SerializedString(name), HistoryEntries.isSecret(name),
                    value));
        }
        visiting.remove(type);
        return new PayloadTranscoder(properties);
    }

    private static Value value(Type type, ObjectMapper api, Set<Class<?>> visiting) {
        if (type instanceof ParameterizedType generic) {
            if (generic.getRawType() == List.class) {
                Value element = value(generic.getActualTypeArguments()[0], api, visiting);
                return element == null ? null : list(element);
            }
            return null;
        }
        if (!(type instanceof Class<?> c)) {
            return null;
        }
        if (c == long.class || c == int.class || c == short.class || c == byte.class) {
            return scalar(false, JsonToken.VALUE_NUMBER_INT);
        }
        if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class) {
            return scalar(true, JsonToken.VALUE_NUMBER_INT);
        }
        if (c == double.class || c == Double.class) {
            return scalar(c == Double.class, JsonToken.VALUE_NUMBER_FLOAT);
        }
        if (c == boolean.class || c == Boolean.class) {
            return scalar(c == Boolean.class, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE);
        }
        if (c == String.class) {
            return scalar(true, JsonToken.VALUE_STRING);
        }
        if (c.isEnum()) {
            return enumeration(c, api);
        }
        if (JsonNode.class.isAssignableFrom(c)) {
            return (in, token, out) -> out.copyCurrentStructure(in); // a tree is shown as stored, names untouched
        }
        Value id = singleValue(c, api, visiting);
        if (id != null) {
            return id;
        }
        PayloadTranscoder nested = plan(c, api, visiting);
        return nested == null ? null : (in, token, out) -> {
            if (token == JsonToken.VALUE_NULL) {
                out.writeNull();
            } else {
                nested.copyObject(in, token, out);
            }
        };
    }

    /** A JSON scalar of one of the given kinds (or null for a reference type), copied as it is. */
    private static Value scalar(boolean nullable, JsonToken... kinds) {
        Set<JsonToken> allowed = EnumSet.copyOf(Arrays.asList(kinds));
        if (nullable) {
            allowed.add(JsonToken.VALUE_NULL);
        }
        return (in, token, out) -> {
            if (!allowed.contains(token)) {
                throw new NotCanonical("a " + token + " where " + allowed + " belongs");
            }
            out.copyCurrentEvent(in);
        };
    }

    /** An enum constant as the API's mapper writes it (a string that names none is not copied). */
    private static Value enumeration(Class<?> type, ObjectMapper api) {
        Set<String> names = new HashSet<>();
        for (Object constant : type.getEnumConstants()) {
            JsonNode written = api.valueToTree(constant);
            if (!written.isTextual()) {
                return null;
            }
            names.add(written.textValue());
        }
        return (in, token, out) -> {
            if (token == JsonToken.VALUE_NULL) {
                out.writeNull();
            } else if (token == JsonToken.VALUE_STRING && names.contains(in.getText())) {
                out.copyCurrentEvent(in);
            } else {
                throw new NotCanonical("not a constant of " + type.getSimpleName());
            }
        };
    }

    /**
     * A typed id ({@code record TagId(@JsonValue long value)} with a delegating creator): written as its
     * one value by both mappers. Any other annotation or component makes it a type this plan does not know.
     */
    private static Value singleValue(Class<?> type, ObjectMapper api, Set<Class<?>> visiting) {
        if (!type.isRecord() || type.getRecordComponents().length != 1) {
            return null;
        }
        RecordComponent only = type.getRecordComponents()[0];
        Predicate<Annotation> jsonValue = a -> a.annotationType() == com.fasterxml.jackson.annotation.JsonValue.class;
        Predicate<Annotation> creator = a -> a.annotationType() == com.fasterxml.jackson.annotation.JsonCreator.class;
        boolean valueMarked = Arrays.stream(only.getAnnotations()).anyMatch(jsonValue)
                || Arrays.stream(only.getAccessor().getAnnotations()).anyMatch(jsonValue);
        if (!valueMarked || hasJacksonAnnotation(type) || hasExtraGetter(type)
                || Arrays.stream(type.getDeclaredMethods()).filter(m -> !m.equals(only.getAccessor()))
                .anyMatch(PayloadTranscoder::hasJacksonAnnotation)
                || Arrays.stream(type.getDeclaredConstructors()).anyMatch(c -> Arrays.stream(c.getAnnotations())
                .anyMatch(a -> isJackson(a) && !creator.test(a)))) {
            return null;
        }
        Class<?> inner = only.getType();
        if (!(inner == long.class || inner == int.class || inner == String.class)) {
            return null;
        }
        return value(inner == String.class ? String.class : Long.class, api, visiting);
    }

    private static Value list(Value element) {
        return (in, token, out) -> {
            if (token == JsonToken.VALUE_NULL) {
                out.writeNull();
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new NotCanonical("not a list");
            }
            out.writeStartArray();
            for (JsonToken next; (next = in.nextToken()) != JsonToken.END_ARRAY; ) {
                element.copy(in, next, out);
            }
            out.writeEndArray();
        };
    }

    /** A public {@code getX()}/{@code isX()} beside the components would be one more property to Jackson. */
    private static boolean hasExtraGetter(Class<?> type) {
        Set<Method> accessors = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            accessors.add(component.getAccessor());
        }
        return Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != void.class)
                .filter(m -> m.getDeclaringClass() != Object.class && !accessors.contains(m))
                .anyMatch(m -> m.getName().matches("(get|is)[A-Z].*"));
    }

    private static AnnotatedElement field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean hasJacksonAnnotation(AnnotatedElement element) {
        return element != null && Arrays.stream(element.getAnnotations()).anyMatch(PayloadTranscoder::isJackson);
    }

    private static boolean isJackson(Annotation annotation) {
        return annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson");
    }
}
