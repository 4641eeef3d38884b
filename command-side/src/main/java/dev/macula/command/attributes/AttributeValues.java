package dev.macula.command.attributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.CanonicalJson;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * A cell of the data frame in the column of its attribute's data type (docs/api.md §1.3
 * AttributeValue: the value lives in the column matching the type). Empty cells and JSON null keep
 * all four columns empty, a row the original tolerates and the instance answer skips.
 */
final class AttributeValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The original's ValueText is a VARCHAR(255). */
    static final int MAX_TEXT = 255;

    private AttributeValues() {
    }

    /** A conversion that failed, with the reason shown to the caller. */
    static final class NotConvertible extends Exception {
        NotConvertible(String message) {
            super(message, null, false, false);
        }
    }

    static boolean isEmpty(JsonNode cell) {
        return cell == null || cell.isNull() || (cell.isTextual() && cell.textValue().isBlank());
    }

    /** {@code textCells}: the frame was CSV, so a JSON attribute's cell holds JSON text. */
    static AttributeValueColumns convert(AttributeDataType type, JsonNode cell, boolean textCells) throws NotConvertible {
        if (isEmpty(cell)) {
            return AttributeValueColumns.EMPTY;
        }
        return switch (type) {
            case Int -> new AttributeValueColumns(integer(cell), null, null, null);
            case Float -> new AttributeValueColumns(null, decimal(cell), null, null);
            case String -> new AttributeValueColumns(null, null, text(cell), null);
            case JSON -> new AttributeValueColumns(null, null, null, json(cell, textCells));
        };
    }

    /** The type a new attribute gets from its values when the frame does not name one. */
    static AttributeDataType infer(Collection<JsonNode> cells) {
        boolean allIntegers = true;
        boolean allNumbers = true;
        boolean any = false;
        for (JsonNode cell : cells) {
            if (isEmpty(cell)) {
                continue;
            }
            any = true;
            if (cell.isContainerNode()) {
                return AttributeDataType.JSON;
            }
            try {
                integer(cell);
            } catch (NotConvertible e) {
                allIntegers = false;
            }
            try {
                decimal(cell);
            } catch (NotConvertible e) {
                allNumbers = false;
            }
        }
        return !any || !allNumbers ? AttributeDataType.String
                : allIntegers ? AttributeDataType.Int : AttributeDataType.Float;
    }

    private static long integer(JsonNode cell) throws NotConvertible {
        if (cell.isBoolean()) {
            return cell.booleanValue() ? 1 : 0;
        }
        try {
            BigDecimal number = cell.isNumber() ? cell.decimalValue() : new BigDecimal(cell.asText().strip());
            return number.stripTrailingZeros().toBigIntegerExact().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new NotConvertible("expects an integer, got " + shown(cell));
        }
    }

    private static double decimal(JsonNode cell) throws NotConvertible {
        if (cell.isBoolean()) {
            return cell.booleanValue() ? 1 : 0;
        }
        if (cell.isNumber()) {
            return cell.doubleValue();
        }
        String text = cell.isTextual() ? cell.textValue().strip() : "";
        try {
            double value = new BigDecimal(text).doubleValue(); // no "NaN", "Infinity" or "1d"
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new NotConvertible("expects a number, got " + shown(cell));
    }

    private static String text(JsonNode cell) throws NotConvertible {
        if (cell.isContainerNode()) {
            throw new NotConvertible("expects a string, got " + shown(cell));
        }
        String text = cell.asText();
        if (text.length() > MAX_TEXT) {
            throw new NotConvertible("a string value has at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** JSON kept as compact text; a CSV cell must hold JSON text, an NDJSON value is the JSON itself. */
    private static String json(JsonNode cell, boolean textCells) throws NotConvertible {
        try {
            return CanonicalJson.of(textCells ? JSON.readTree(cell.textValue()) : cell);
        } catch (JsonProcessingException e) {
            throw new NotConvertible("expects JSON, got " + shown(cell));
        }
    }

    private static String shown(JsonNode cell) {
        String text = cell.isTextual() ? "'" + cell.textValue() + "'" : cell.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
