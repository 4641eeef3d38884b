package dev.macula.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON request body with the original server's lax rules (docs/api.md §0.5): unknown
 * properties are ignored, integers may come as numeric strings or whole floats, booleans as
 * the usual words. Every problem is collected as a pydantic-shaped {@link ValidationError};
 * {@link #validate()} throws them together, as the original answers with all errors at once.
 */
public final class JsonBody {

    private final ObjectNode node;
    private final List<Object> at;
    private final List<ValidationError> errors;

    private JsonBody(ObjectNode node) {
        this(node, List.of("body"), new ArrayList<>());
    }

    private JsonBody(ObjectNode node, List<Object> at, List<ValidationError> errors) {
        this.node = node;
        this.at = at;
        this.errors = errors;
    }

    /**
     * A nested object (e.g. {@code data} of an import); its errors are reported with the full
     * location and thrown by the root's {@link #validate()}. Missing or not an object: an error,
     * and an empty object to keep reading from.
     */
    public JsonBody nested(String name) {
        JsonNode value = node.get(name);
        if (value instanceof ObjectNode object) {
            return new JsonBody(object, loc(name), errors);
        }
        if (value == null) {
            errors.add(ValidationError.of("missing", loc(name), "Field required", plain(node)));
        } else {
            errors.add(ValidationError.of("model_attributes_type", loc(name),
                    "Input should be a valid dictionary or object to extract fields from", plain(value)));
        }
        return new JsonBody(JsonMapperHolder.emptyObject(), loc(name), errors);
    }

    /** An optional free-form object ({@code *_props}); absent or null give null, other types an error. */
    public ObjectNode optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        errors.add(ValidationError.of("dict_type", loc(name), "Input should be a valid dictionary", plain(value)));
        return null;
    }

    /**
     * The elements of a required list of objects, each read as a body of its own whose errors carry
     * the element's location ({@code ["body", "conditions", 2, "value"]}). Missing, not a list, or
     * an element that is no object: an error, and the element is skipped.
     */
    public List<JsonBody> requiredObjectList(String name) {
        if (!present(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            errors.add(ValidationError.of("list_type", loc(name), "Input should be a valid list", plain(value)));
            return List.of();
        }
        List<JsonBody> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            List<Object> elementLoc = new ArrayList<>(loc(name));
            elementLoc.add(i);
            if (value.get(i) instanceof ObjectNode object) {
                elements.add(new JsonBody(object, List.copyOf(elementLoc), errors));
            } else {
                errors.add(ValidationError.of("model_attributes_type", List.copyOf(elementLoc),
                        "Input should be a valid dictionary or object to extract fields from", plain(value.get(i))));
            }
        }
        return elements;
    }

    /** This object's location with more path elements appended, for errors found by the caller. */
    public List<Object> location(Object... more) {
        List<Object> loc = new ArrayList<>(at);
        loc.addAll(List.of(more));
        return List.copyOf(loc);
    }

    /** Records an error found by the caller; thrown with the others by {@link #validate()}. */
    public void reject(ValidationError error) {
        errors.add(error);
    }

    /** A JSON value as plain Java values, for the {@code input} of a caller's error. */
    public static Object inputOf(JsonNode value) {
        return plain(value);
    }

    private List<Object> loc(String name) {
        List<Object> loc = new ArrayList<>(at);
        loc.add(name);
        return List.copyOf(loc);
    }

    /** Parses raw bytes; a missing, malformed or non-object body is a 422 straight away. */
    public static JsonBody parse(byte[] raw, ObjectMapper mapper) {
        if (raw == null || raw.length == 0) {
            throw new RequestValidationException(
                    ValidationError.of("missing", List.of("body"), "Field required", null));
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
            throw new RequestValidationException(new ValidationError("json_invalid",
                    List.of("body", offset), "JSON decode error", Map.of(),
                    Map.of("error", e.getOriginalMessage())));
        } catch (IOException e) {
            throw new RequestValidationException(new ValidationError("json_invalid",
                    List.of("body", 0), "JSON decode error", Map.of(), Map.of("error", "unreadable body")));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new RequestValidationException(
                    ValidationError.of("missing", List.of("body"), "Field required", null));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new RequestValidationException(ValidationError.of("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", plain(tree)));
        }
        return new JsonBody(object);
    }

    /** Throws all collected errors, if any. Call after reading every field. */
    public JsonBody validate() {
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        return this;
    }

    /** The raw value (for lists and other shapes the typed readers do not cover); null when absent. */
    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** True when the key is there at all, even with an explicit null. */
    public boolean containsKey(String name) {
        return node.has(name);
    }

    /** True when the key is there with a non-null value. */
    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String requiredString(String name, int maxLength) {
        if (!present(name)) {
            return null;
        }
        return string(name, maxLength);
    }

    /** Absent or null gives null (PATCH semantics: leave unchanged). */
    public String optionalString(String name, int maxLength) {
        return has(name) ? string(name, maxLength) : null;
    }

    /** A string or a number, as text (ids that scripts send either way); absent or null give null. */
    public String text(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        errors.add(ValidationError.of("string_type", loc(name), "Input should be a valid string", plain(value)));
        return null;
    }

    public Long requiredInt(String name) {
        return present(name) ? integer(name) : null;
    }

    public Long optionalInt(String name) {
        return has(name) ? integer(name) : null;
    }

    public boolean bool(String name, boolean defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        Boolean parsed = LaxValues.bool(node.get(name));
        if (parsed == null) {
            errors.add(ValidationError.of(node.get(name).isTextual() || node.get(name).isNumber()
                            ? "bool_parsing" : "bool_type", loc(name),
                    node.get(name).isTextual() || node.get(name).isNumber()
                            ? "Input should be a valid boolean, unable to interpret input"
                            : "Input should be a valid boolean", plain(node.get(name))));
            return defaultValue;
        }
        return parsed;
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        return present(name) ? enumValue(name, type) : null;
    }

    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        return has(name) ? enumValue(name, type) : null;
    }

    /** Absent is "missing"; an explicit null falls through to the type check, as in pydantic. */
    private boolean present(String name) {
        if (node.has(name)) {
            return true;
        }
        errors.add(ValidationError.of("missing", loc(name), "Field required", plain(node)));
        return false;
    }

    private String string(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            errors.add(ValidationError.of("string_type", loc(name),
                    "Input should be a valid string", plain(value)));
            return null;
        }
        String text = value.textValue();
        if (text.codePointCount(0, text.length()) > maxLength) {
            errors.add(new ValidationError("string_too_long", loc(name),
                    "String should have at most " + maxLength + " characters", text,
                    Map.of("max_length", maxLength)));
            return null;
        }
        return text;
    }

    private Long integer(String name) {
        JsonNode value = node.get(name);
        LaxValues.IntResult result = LaxValues.integer(value);
        if (result.error() != null) {
            errors.add(ValidationError.of(result.error(), loc(name), result.message(), plain(value)));
            return null;
        }
        return result.value();
    }

    private <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        JsonNode value = node.get(name);
        E parsed = value.isTextual() ? LaxValues.enumValue(value.textValue(), type) : null;
        if (parsed == null) {
            errors.add(LaxValues.enumError(loc(name), plain(value), type));
        }
        return parsed;
    }

    private static final class JsonMapperHolder {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        static ObjectNode emptyObject() {
            return MAPPER.createObjectNode();
        }
    }

    /** A JSON node as plain Java values, for the {@code input} of an error. */
    static Object plain(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return new BigDecimal(value.asText());
        }
        return value; // objects and arrays serialise as themselves
    }
}
