package dev.macula.command.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.api.common.LaxValues;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code *_props} objects of an import: PascalCase column names with JSON scalar values
 * (docs/api.md §5.2). Unknown keys and values of the wrong kind fail the import with a message naming
 * the column, as the original does.
 */
final class ImportProps {

    private final String table;
    private final Map<String, JsonNode> values = new HashMap<>();

    private ImportProps(String table) {
        this.table = table;
    }

    /** Null means {@code {}} (docs/api.md §9.2 item 50). Keys in {@code ignored} are accepted and dropped. */
    static ImportProps read(String table, ObjectNode props, Set<String> allowed, Set<String> ignored) {
        ImportProps result = new ImportProps(table);
        if (props != null) {
            props.fields().forEachRemaining(field -> {
                if (ignored.contains(field.getKey())) {
                    return;
                }
                if (!allowed.contains(field.getKey())) {
                    throw new ImportFailure("'" + field.getKey() + "' is an invalid keyword argument for " + table);
                }
                if (!field.getValue().isNull()) {
                    result.values.put(field.getKey(), field.getValue());
                }
            });
        }
        return result;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key, int maxLength) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        String text = value.isTextual() ? value.textValue() : value.isNumber() ? value.asText() : null;
        if (text == null || text.length() > maxLength) {
            throw invalid(key, value, "a string of at most " + maxLength + " characters");
        }
        return text;
    }

    Integer integer(String key) {
        Long value = longValue(key);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw invalid(key, values.get(key), "a 32-bit integer");
        }
        return value == null ? null : value.intValue();
    }

    Long longValue(String key) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        Long parsed = value.isIntegralNumber() ? Long.valueOf(value.longValue())
                : value.isTextual() ? LaxValues.integer(value.textValue()) : null;
        if (parsed == null) {
            throw invalid(key, value, "an integer");
        }
        return parsed;
    }

    Double number(String key) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return value.isTextual() ? Double.valueOf(value.textValue().strip()) : fail(key, value);
        } catch (NumberFormatException e) {
            return fail(key, value);
        }
    }

    Boolean bool(String key) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        Boolean parsed = value.isBoolean() ? Boolean.valueOf(value.booleanValue())
                : value.isTextual() ? LaxValues.bool(value.textValue())
                : value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)
                ? Boolean.valueOf(value.longValue() == 1) : null;
        if (parsed == null) {
            throw invalid(key, value, "a boolean");
        }
        return parsed;
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        E parsed = value.isTextual() ? LaxValues.enumValue(value.textValue(), type) : null;
        if (parsed == null) {
            throw invalid(key, value, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        return parsed;
    }

    LocalDate date(String key) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(key, value, "a date YYYY-MM-DD");
        }
    }

    LocalDateTime dateTime(String key) {
        JsonNode value = values.get(key);
        if (value == null) {
            return null;
        }
        String text = value.asText();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw invalid(key, value, "an ISO date-time");
        }
    }

    private <T> T fail(String key, JsonNode value) {
        throw invalid(key, value, "a number");
    }

    private ImportFailure invalid(String key, JsonNode value, String expected) {
        return new ImportFailure("Invalid value for " + table + "." + key + ": " + value + " (expected " + expected + ")");
    }
}
