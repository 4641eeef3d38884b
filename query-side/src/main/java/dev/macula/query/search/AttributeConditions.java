package dev.macula.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.CanonicalJson;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.NameKey;
import dev.macula.api.common.ValidationError;
import dev.macula.api.search.SearchFields;
import dev.macula.api.search.SearchMessages.AttributeCondition;
import dev.macula.api.search.SearchMessages.ListValue;
import dev.macula.api.search.SearchMessages.NullValue;
import dev.macula.api.search.SearchMessages.Operator;
import dev.macula.api.search.SearchMessages.ScalarValue;
import dev.macula.api.search.SearchMessages.Value;
import dev.macula.query.attributes.AttributeReader.ConditionTarget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads an attribute condition {@code {type: "attribute", model, variable, operator, value, feature?}}
 * (docs/api.md §4.1, §4.3): the model/attribute pair must name an output of an attributes model,
 * else 422 (the original ignored it silently: docs/api.md §9.2 item 36); the value is converted to
 * the attribute's data type, and a value that does not convert is a 422 too, where the original
 * compared it as a string.
 */
final class AttributeConditions {

    private AttributeConditions() {
    }

    static AttributeCondition read(JsonBody element, SearchRequestReader.AttributeCatalog catalog) {
        String model = requiredText(element, "model");
        String attribute = requiredText(element, "variable");
        Operator operator = SearchRequestReader.literal(element, "operator", true, SearchRequestReader.OPERATORS,
                wire -> Arrays.stream(Operator.values()).filter(o -> o.wire().equals(wire)).findFirst().orElseThrow());
        if (!element.containsKey("value")) {
            element.reject(ValidationError.of("missing", element.location("value"), "Field required", null));
        }
        String feature = null;
        JsonNode rawFeature = element.raw("feature");
        if (rawFeature != null && !rawFeature.isNull()) {
            if (!rawFeature.isTextual()) {
                element.reject(ValidationError.of("string_type", element.location("feature"),
                        "Input should be a valid string", JsonBody.inputOf(rawFeature)));
            } else if (!rawFeature.textValue().isEmpty()) {
                feature = rawFeature.textValue();
            }
        }
        if (model == null || attribute == null || operator == null || !element.containsKey("value")) {
            return null;
        }
        ConditionTarget target = catalog.target(model, attribute).orElse(null);
        if (target == null) {
            element.reject(new ValidationError("value_error", element.location("model"),
                    "Value error, Unknown attribute '" + attribute + "' of model '" + model + "'",
                    model, Map.of("error", "unknown attribute")));
            return null;
        }
        Value value = value(element, target.dataType(), attribute, operator);
        return value == null ? null : new AttributeCondition(target.attributeId(), target.modelId(),
                feature == null ? null : NameKey.of(feature), field(target.dataType()), operator, value);
    }

    static String field(AttributeDataType type) {
        return SearchFields.ATTRIBUTES + "." + switch (type) {
            case Int -> SearchFields.VALUE_INT;
            case Float -> SearchFields.VALUE_FLOAT;
            case String -> SearchFields.VALUE_TEXT;
            case JSON -> SearchFields.VALUE_JSON;
        };
    }

    private static Value value(JsonBody element, AttributeDataType type, String attribute, Operator operator) {
        JsonNode raw = element.raw("value");
        if (raw.isNull()) {
            return new NullValue();
        }
        boolean ordered = operator != Operator.EQ && operator != Operator.NE && operator != Operator.IN;
        if (raw.isArray()) {
            if (ordered) {
                element.reject(SearchRequestReader.valueError(element, raw, "operator '" + operator.wire()
                        + "' cannot compare with a list; use 'IN', '==' or '!='"));
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode item : raw) {
                Object converted = convert(type, item);
                if (converted == null) {
                    element.reject(SearchRequestReader.valueError(element, raw, problem(attribute, type, item)));
                    return null;
                }
                values.add(converted);
            }
            return new ListValue(values);
        }
        if (type == AttributeDataType.JSON && ordered) {
            element.reject(SearchRequestReader.valueError(element, raw, "operator '" + operator.wire()
                    + "' is not defined for the JSON attribute " + attribute + "; use '==', '!=' or 'IN'"));
            return null;
        }
        Object converted = convert(type, raw);
        if (converted == null) {
            element.reject(SearchRequestReader.valueError(element, raw, problem(attribute, type, raw)));
            return null;
        }
        return new ScalarValue(converted);
    }

    /** The value in the column type of the attribute (rule 2 of the attribute condition), or null. */
    static Object convert(AttributeDataType type, JsonNode raw) {
        if (type == AttributeDataType.JSON) {
            return CanonicalJson.of(raw);
        }
        if (raw.isBoolean()) {
            raw = IntNode.valueOf(raw.booleanValue() ? 1 : 0);
        }
        if (!raw.isTextual() && !raw.isNumber()) {
            return null;
        }
        String text = raw.isTextual() ? raw.textValue().strip() : raw.asText();
        return switch (type) {
            case Int -> SearchRequestReader.integer(raw, text);
            case Float -> SearchRequestReader.decimal(text);
            default -> NameKey.of(raw.isTextual() ? raw.textValue() : text);
        };
    }

    private static String problem(String attribute, AttributeDataType type, JsonNode item) {
        String shown = item.isTextual() ? "'" + item.textValue() + "'" : item.toString();
        return attribute + switch (type) {
            case Int -> " expects an integer, got ";
            case Float -> " expects a number, got ";
            default -> " expects a string, got ";
        } + shown;
    }

    private static String requiredText(JsonBody element, String field) {
        JsonNode raw = element.raw(field);
        if (raw == null) {
            element.reject(ValidationError.of("missing", element.location(field), "Field required", null));
            return null;
        }
        if (!raw.isTextual()) {
            element.reject(ValidationError.of("string_type", element.location(field), "Input should be a valid string",
                    JsonBody.inputOf(raw)));
            return null;
        }
        return raw.textValue();
    }
}
