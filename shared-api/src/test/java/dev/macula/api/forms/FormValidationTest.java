package dev.macula.api.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.forms.FormValidation.Problem;
import dev.macula.api.forms.FormValidation.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String SCHEMA = """
            {"type": "object", "required": ["b/c", "a"],
             "properties": {"a": {"type": "number", "maximum": 2},
                            "list": {"type": "array", "items": {"type": "string"}}}}""";

    @Test
    void reportsJsonPointersInAStableOrder() throws Exception {
        Result empty = FormValidation.validate(json(SCHEMA), json("{}"));
        assertThat(empty.valid()).isFalse();
        assertThat(empty.errors()).extracting(Problem::path).containsExactly("/a", "/b~1c");

        Result nested = FormValidation.validate(json(SCHEMA), json("{\"a\": 7, \"b/c\": 1, \"list\": [\"x\", 3]}"));
        assertThat(nested.errors()).extracting(Problem::path).containsExactly("/a", "/list/1");
        assertThat(nested.errors().get(0).message()).contains("2").doesNotStartWith("$");
        assertThat(FormValidation.validate(json(SCHEMA), json("{\"a\": 7, \"b/c\": 1, \"list\": [\"x\", 3]}")))
                .as("deterministic").isEqualTo(nested);
    }

    @Test
    void validDataNullDataAndMissingSchemas() throws Exception {
        assertThat(FormValidation.validate(json(SCHEMA), json("{\"a\": 1, \"b/c\": true}"))).isEqualTo(Result.VALID);
        assertThat(FormValidation.validate(json(SCHEMA), null).errors()).extracting(Problem::path).containsExactly("");
        assertThat(FormValidation.validate(null, json("{}")).valid()).isFalse();
        assertThat(FormValidation.validate(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"type\": \"object\"}"), json("{}"))).as("the draft-7 meta-schema is built in").isEqualTo(Result.VALID);
    }

    @Test
    void strictIsAnOptInKeywordThatDoesNotAffectValidation() throws Exception {
        JsonNode strict = json("{\"x-macula-strict\": true, \"type\": \"object\"}");
        assertThat(FormValidation.strict(strict)).isTrue();
        assertThat(FormValidation.strict(json(SCHEMA))).isFalse();
        assertThat(FormValidation.strict(null)).isFalse();
        assertThat(FormValidation.validate(strict, json("{}")).valid()).isTrue();
    }

    @Test
    void aSchemaCannotMakeTheServerFetchAnotherDocument() throws Exception {
        Result result = FormValidation.validate(json("{\"$ref\": \"http://127.0.0.1:9/other.json\"}"), json("{}"));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors().get(0).message()).startsWith("the form schema cannot be used");
        assertThat(FormValidation.validate(json("{\"definitions\": {\"n\": {\"type\": \"number\"}},"
                + " \"properties\": {\"a\": {\"$ref\": \"#/definitions/n\"}}}"), json("{\"a\": \"x\"}"))
                .errors()).extracting(Problem::path).containsExactly("/a");
    }

    @Test
    void externalReferencesAreFoundWhereverTheyStand() throws Exception {
        assertThat(FormValidation.externalReferences(json("{\"properties\": {\"a\": {\"$ref\": \"other.json#/x\"},"
                + " \"b\": {\"$ref\": \"#/definitions/n\"}, \"c\": {\"anyOf\": [{\"$ref\": \"http://h/s\"}]}}}")))
                .containsExactly("/properties/a/$ref", "/properties/c/anyOf/0/$ref");
        assertThat(FormValidation.externalReferences(json("{\"type\": \"object\"}"))).isEmpty();
    }
}
