package dev.macula.command.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void cellsLandInTheColumnOfTheirType() throws Exception {
        assertThat(AttributeValues.convert(AttributeDataType.Int, TextNode.valueOf(" 3.0 "), true))
                .isEqualTo(new AttributeValueColumns(3L, null, null, null));
        assertThat(AttributeValues.convert(AttributeDataType.Int, json("true"), false))
                .isEqualTo(new AttributeValueColumns(1L, null, null, null));
        assertThat(AttributeValues.convert(AttributeDataType.Float, TextNode.valueOf("0.81"), true))
                .isEqualTo(new AttributeValueColumns(null, 0.81, null, null));
        assertThat(AttributeValues.convert(AttributeDataType.String, json("12"), false))
                .isEqualTo(new AttributeValueColumns(null, null, "12", null));
        assertThat(AttributeValues.convert(AttributeDataType.JSON, TextNode.valueOf("{\"b\": 1, \"a\": [2]}"), true))
                .as("JSON text from CSV, keys sorted").isEqualTo(new AttributeValueColumns(null, null, null,
                        "{\"a\":[2],\"b\":1}"));
        assertThat(AttributeValues.convert(AttributeDataType.JSON, TextNode.valueOf("plain"), false))
                .as("an NDJSON string is a JSON string").isEqualTo(new AttributeValueColumns(null, null, null,
                        "\"plain\""));
        assertThat(AttributeValues.convert(AttributeDataType.Float, TextNode.valueOf(" "), true))
                .as("empty cells store no value").isEqualTo(AttributeValueColumns.EMPTY);
    }

    @Test
    void cellsThatDoNotFitTheirTypeAreRefused() {
        assertThatThrownBy(() -> AttributeValues.convert(AttributeDataType.Int, TextNode.valueOf("3.5"), true))
                .hasMessageContaining("expects an integer");
        assertThatThrownBy(() -> AttributeValues.convert(AttributeDataType.Float, TextNode.valueOf("NaN"), true))
                .hasMessageContaining("expects a number");
        assertThatThrownBy(() -> AttributeValues.convert(AttributeDataType.String, TextNode.valueOf("x".repeat(256)),
                true)).hasMessageContaining("255");
        assertThatThrownBy(() -> AttributeValues.convert(AttributeDataType.JSON, TextNode.valueOf("{nope"), true))
                .hasMessageContaining("expects JSON");
    }

    @Test
    void aNewAttributeTakesTheNarrowestTypeAllItsValuesFit() throws Exception {
        assertThat(AttributeValues.infer(List.of(TextNode.valueOf("1"), TextNode.valueOf("2"), TextNode.valueOf(""))))
                .isEqualTo(AttributeDataType.Int);
        assertThat(AttributeValues.infer(List.of(TextNode.valueOf("1"), TextNode.valueOf("2.5"))))
                .isEqualTo(AttributeDataType.Float);
        assertThat(AttributeValues.infer(List.of(TextNode.valueOf("1"), TextNode.valueOf("good"))))
                .isEqualTo(AttributeDataType.String);
        assertThat(AttributeValues.infer(List.of(json("{\"x\": 1}")))).isEqualTo(AttributeDataType.JSON);
        assertThat(AttributeValues.infer(List.of())).isEqualTo(AttributeDataType.String);
    }
}
