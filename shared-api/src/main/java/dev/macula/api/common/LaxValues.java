package dev.macula.api.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Pydantic's lax coercions (docs/api.md §0.5), for bodies and query strings alike. */
public final class LaxValues {

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private LaxValues() {
    }

    record IntResult(Long value, String error, String message) {
    }

    static IntResult integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? new IntResult(value.longValue(), null, null)
                    : new IntResult(null, "int_parsing", "Input should be a valid integer, unable to parse string as an integer");
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue();
            if (decimal.stripTrailingZeros().scale() <= 0) {
                return new IntResult(decimal.longValue(), null, null);
            }
            return new IntResult(null, "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part");
        }
        if (value.isBoolean()) {
            return new IntResult(value.booleanValue() ? 1L : 0L, null, null);
        }
        if (value.isTextual()) {
            Long parsed = integer(value.textValue());
            return parsed != null ? new IntResult(parsed, null, null)
                    : new IntResult(null, "int_parsing", "Input should be a valid integer, unable to parse string as an integer");
        }
        return new IntResult(null, "int_type", "Input should be a valid integer");
    }

    /** A whole number from text, or null. */
    public static Long integer(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            long n = value.longValue();
            return n == 1 ? Boolean.TRUE : n == 0 ? Boolean.FALSE : null;
        }
        if (value.isTextual()) {
            return bool(value.textValue());
        }
        return null;
    }

    /** A boolean from text with the original's words, or null. */
    public static Boolean bool(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return Boolean.TRUE;
        }
        return FALSE.contains(lower) ? Boolean.FALSE : null;
    }

    /** Enum constants are named exactly as their wire values. */
    public static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return null;
    }

    public static <E extends Enum<E>> ValidationError enumError(List<Object> loc, Object input, Class<E> type) {
        List<String> quoted = Arrays.stream(type.getEnumConstants()).map(e -> "'" + e.name() + "'").toList();
        String expected = quoted.size() == 1 ? quoted.get(0)
                : quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
                        + " or " + quoted.get(quoted.size() - 1);
        return new ValidationError("enum", loc, "Input should be " + expected, input, Map.of("expected", expected));
    }

    /** Parses an optional enum query parameter; null stays null, a bad value is a 422. */
    public static <E extends Enum<E>> E queryEnum(String name, String raw, Class<E> type) {
        if (raw == null) {
            return null;
        }
        E value = enumValue(raw, type);
        if (value == null) {
            throw new RequestValidationException(enumError(List.of("query", name), raw, type));
        }
        return value;
    }

    /** Parses an optional boolean query parameter with the original's words. */
    public static boolean queryBool(String name, String raw, boolean defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        Boolean value = bool(raw);
        if (value == null) {
            throw new RequestValidationException(ValidationError.of("bool_parsing", List.of("query", name),
                    "Input should be a valid boolean, unable to interpret input", raw));
        }
        return value;
    }

    /** Parses an optional integer query parameter within [min, max]; a bad value is a 422. */
    public static int queryInt(String name, String raw, int defaultValue, int min, int max) {
        return (int) queryLong(name, raw, defaultValue, min, max);
    }

    /** {@link #queryInt} for values beyond int (event store positions). */
    public static long queryLong(String name, String raw, long defaultValue, long min, long max) {
        if (raw == null) {
            return defaultValue;
        }
        Long value = integer(raw);
        if (value == null) {
            throw new RequestValidationException(ValidationError.of("int_parsing", List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", raw));
        }
        if (value < min) {
            throw new RequestValidationException(new ValidationError("greater_than_equal", List.of("query", name),
                    "Input should be greater than or equal to " + min, raw, Map.of("ge", min)));
        }
        if (value > max) {
            throw new RequestValidationException(new ValidationError("less_than_equal", List.of("query", name),
                    "Input should be less than or equal to " + max, raw, Map.of("le", max)));
        }
        return value;
    }
}
