package dev.macula.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.NameKey;
import dev.macula.api.common.ValidationError;
import dev.macula.api.search.SearchMessages.AttributeCondition;
import dev.macula.api.search.SearchMessages.Condition;
import dev.macula.api.search.SearchMessages.ListValue;
import dev.macula.api.search.SearchMessages.NullValue;
import dev.macula.api.search.SearchMessages.Operator;
import dev.macula.api.search.SearchMessages.OrderBy;
import dev.macula.api.search.SearchMessages.ScalarValue;
import dev.macula.api.search.SearchMessages.SearchSpec;
import dev.macula.api.search.SearchMessages.Value;
import dev.macula.api.search.SearchVariable;
import dev.macula.api.search.SearchVariable.ValueType;
import dev.macula.query.attributes.AttributeReader;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a search body (docs/api.md §4.1, docs/api.md §4.5) into a {@link SearchSpec}, converting every value to its
 * variable's type. Everything the original answered with a 500, or silently ignored, is a 422 here
 * (docs/api.md §9.2 items 36–41): unknown attributes, invalid enum values, values that do not convert, operators
 * other than {@code ==}, {@code !=}, {@code IN} with a list, {@code limit} outside 1…{@value #MAX_LIMIT},
 * negative pages. All errors of a body are reported together, pydantic-style.
 */
final class SearchRequestReader {

    static final int MAX_LIMIT = 10_000;
    static final List<String> OPERATORS = Arrays.stream(Operator.values()).map(Operator::wire).toList();
    private static final List<String> ORDER_BY = Arrays.stream(OrderBy.values()).map(OrderBy::wire).toList();

    private SearchRequestReader() {
    }

    /** Finds what an attribute condition names: the attribute a model declares as output, or none. */
    @FunctionalInterface
    interface AttributeCatalog {
        Optional<AttributeReader.ConditionTarget> target(String model, String attribute);
    }

    static SearchSpec instanceSearch(JsonBody body, AttributeCatalog catalog) {
        return read(body, SearchVariable.INSTANCE, catalog);
    }

    static SearchSpec studySearch(JsonBody body) {
        return read(body, SearchVariable.STUDY, null);
    }

    /** {@code catalog}: null for the study search, whose conditions have no {@code type} (docs/api.md §4.5). */
    private static SearchSpec read(JsonBody body, List<SearchVariable> variables, AttributeCatalog catalog) {
        List<Condition> conditions = new ArrayList<>();
        List<AttributeCondition> attributeConditions = new ArrayList<>();
        for (JsonBody element : body.requiredObjectList("conditions")) {
            if (catalog != null && isAttribute(element)) {
                AttributeCondition condition = AttributeConditions.read(element, catalog);
                if (condition != null) {
                    attributeConditions.add(condition);
                }
                continue;
            }
            Condition condition = condition(element, variables, catalog != null);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        Long limit = body.has("limit") ? body.optionalInt("limit") : Long.valueOf(200);
        Long page = body.has("page") ? body.optionalInt("page") : Long.valueOf(0);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            body.reject(bound(body, "limit", limit, limit < 1 ? "greater_than_equal" : "less_than_equal",
                    limit < 1 ? 1 : MAX_LIMIT));
        }
        if (page != null && page < 0) {
            body.reject(bound(body, "page", page, "greater_than_equal", 0));
        }
        OrderBy orderBy = literal(body, "order_by", true, ORDER_BY,
                wire -> Arrays.stream(OrderBy.values()).filter(o -> o.wire().equals(wire)).findFirst().orElseThrow());
        String order = body.has("order") ? literal(body, "order", false, List.of("ASC", "DESC"), w -> w) : "ASC";
        boolean includeCount = body.bool("include_count", false);
        body.validate();
        if ((long) limit * page > Integer.MAX_VALUE) {
            body.reject(bound(body, "page", page, "less_than_equal", Integer.MAX_VALUE / limit));
            body.validate();
        }
        return new SearchSpec(List.copyOf(conditions), List.copyOf(attributeConditions), limit.intValue(), page.intValue(), orderBy,
                "DESC".equals(order), includeCount);
    }

    private static boolean isAttribute(JsonBody element) {
        JsonNode type = element.raw("type");
        return type != null && "attribute".equals(type.textValue());
    }

    private static Condition condition(JsonBody element, List<SearchVariable> variables, boolean discriminated) {
        if (discriminated) {
            JsonNode type = element.raw("type");
            if (type == null || !type.isTextual()) {
                element.reject(ValidationError.of("union_tag_not_found", element.location(),
                        "Unable to extract tag using discriminator 'type'", Map.of()));
                return null;
            }
            if (!"default".equals(type.textValue())) {
                element.reject(new ValidationError("union_tag_invalid", element.location(),
                        "Input tag '" + type.textValue() + "' found using 'type' does not match any of the expected"
                                + " tags: 'default', 'attribute'", type.textValue(),
                        Map.of("discriminator", "'type'", "tag", type.textValue(),
                                "expected_tags", "'default', 'attribute'")));
                return null;
            }
        }
        SearchVariable variable = literal(element, "variable", true,
                variables.stream().map(SearchVariable::name).toList(),
                name -> SearchVariable.find(variables, name).orElseThrow());
        Operator operator = literal(element, "operator", true, OPERATORS,
                wire -> Arrays.stream(Operator.values()).filter(o -> o.wire().equals(wire)).findFirst().orElseThrow());
        if (!element.containsKey("value")) {
            element.reject(ValidationError.of("missing", element.location("value"), "Field required", null));
            return null;
        }
        if (variable == null || operator == null) {
            return null;
        }
        Value value = value(element, variable, operator);
        return value == null ? null : new Condition(variable, operator, value);
    }

    static Value value(JsonBody element, SearchVariable variable, Operator operator) {
        JsonNode raw = element.raw("value");
        if (raw.isNull()) {
            return new NullValue();
        }
        if (raw.isArray()) {
            if (operator != Operator.EQ && operator != Operator.IN && operator != Operator.NE) {
                element.reject(valueError(element, raw, "operator '" + operator.wire()
                        + "' cannot compare with a list; use 'IN', '==' or '!='"));
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode item : raw) {
                Object converted = convert(variable, item);
                if (converted == null) {
                    element.reject(valueError(element, raw, problem(variable, item)));
                    return null;
                }
                values.add(converted);
            }
            return new ListValue(values);
        }
        if (isEnum(variable.type()) && operator != Operator.EQ && operator != Operator.NE && operator != Operator.IN) {
            element.reject(valueError(element, raw, "operator '" + operator.wire() + "' is not defined for "
                    + variable.name() + "; use '==', '!=' or 'IN'"));
            return null;
        }
        Object converted = convert(variable, raw);
        if (converted == null) {
            element.reject(valueError(element, raw, problem(variable, raw)));
            return null;
        }
        return new ScalarValue(converted);
    }

    /** The value in the variable's type, or null when it does not convert. */
    static Object convert(SearchVariable variable, JsonNode raw) {
        if (raw.isBoolean()) {
            raw = com.fasterxml.jackson.databind.node.IntNode.valueOf(raw.booleanValue() ? 1 : 0);
        }
        if (!raw.isTextual() && !raw.isNumber()) {
            return null;
        }
        String text = raw.isTextual() ? raw.textValue().strip() : raw.asText();
        return switch (variable.type()) {
            case INT -> integer(raw, text);
            case FLOAT -> decimal(text);
            case DATE -> raw.isTextual() ? date(text) : null;
            case TEXT -> NameKey.of(raw.isTextual() ? raw.textValue() : text);
            case LATERALITY -> constant(text, "L", "R");
            case MODALITY -> constant(text, Arrays.stream(dev.macula.api.imaging.ImagingEnums.Modality.values())
                    .map(Enum::name).toArray(String[]::new));
            case ETDRS_FIELD -> constant(text, "F1", "F2", "F3", "F4", "F5", "F6", "F7");
            case SEX -> constant(text, "M", "F");
        };
    }

    static Long integer(JsonNode raw, String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            return number.stripTrailingZeros().scale() <= 0 ? number.longValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static Double decimal(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && !text.isEmpty() && !text.endsWith("d") && !text.endsWith("f")
                    && !text.endsWith("D") && !text.endsWith("F") ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Enum values match case-insensitively (MySQL's collation) and are stored in their canonical form. */
    private static String constant(String text, String... allowed) {
        return Arrays.stream(allowed).filter(a -> a.equalsIgnoreCase(text)).findFirst().orElse(null);
    }

    private static boolean isEnum(ValueType type) {
        return type == ValueType.LATERALITY || type == ValueType.MODALITY || type == ValueType.ETDRS_FIELD
                || type == ValueType.SEX;
    }

    private static String problem(SearchVariable variable, JsonNode item) {
        String shown = item.isTextual() ? "'" + item.textValue() + "'" : item.toString();
        return switch (variable.type()) {
            case INT -> variable.name() + " expects an integer, got " + shown;
            case FLOAT -> variable.name() + " expects a number, got " + shown;
            case DATE -> variable.name() + " expects a date YYYY-MM-DD, got " + shown;
            case TEXT -> variable.name() + " expects a string, got " + shown;
            case LATERALITY -> variable.name() + " must be one of 'L', 'R', got " + shown;
            case MODALITY -> variable.name() + " must be one of "
                    + Arrays.stream(dev.macula.api.imaging.ImagingEnums.Modality.values())
                    .map(m -> "'" + m.name() + "'").collect(Collectors.joining(", ")) + ", got " + shown;
            case ETDRS_FIELD -> variable.name() + " must be one of 'F1' … 'F7', got " + shown;
            case SEX -> variable.name() + " must be one of 'M', 'F', got " + shown;
        };
    }

    static ValidationError valueError(JsonBody element, JsonNode raw, String message) {
        return new ValidationError("value_error", element.location("value"), "Value error, " + message,
                JsonBody.inputOf(raw), Map.of("error", message));
    }

    private static ValidationError bound(JsonBody body, String field, long value, String type, long limit) {
        String relation = type.equals("greater_than_equal") ? "greater than or equal to" : "less than or equal to";
        return new ValidationError(type, body.location(field), "Input should be " + relation + " " + limit, value,
                Map.of(type.equals("greater_than_equal") ? "ge" : "le", limit));
    }

    /** A string that must be one of a fixed list (pydantic's {@code literal_error}); null when absent or wrong. */
    static <T> T literal(JsonBody body, String field, boolean required, List<String> allowed,
                                 Function<String, T> parse) {
        if (!body.containsKey(field)) {
            if (required) {
                body.reject(ValidationError.of("missing", body.location(field), "Field required", null));
            }
            return null;
        }
        JsonNode raw = body.raw(field);
        if (raw.isTextual() && allowed.contains(raw.textValue())) {
            return parse.apply(raw.textValue());
        }
        List<String> quoted = allowed.stream().map(a -> "'" + a + "'").toList();
        String expected = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
        body.reject(new ValidationError("literal_error", body.location(field), "Input should be " + expected,
                JsonBody.inputOf(raw), Map.of("expected", expected)));
        return null;
    }
}
