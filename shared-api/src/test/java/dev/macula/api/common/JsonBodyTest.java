package dev.macula.api.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.tagging.TagType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonBody body(String json) {
        return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), mapper);
    }

    private List<ValidationError> errorsOf(Runnable action) {
        try {
            action.run();
        } catch (RequestValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected a validation error");
    }

    @Test
    void acceptsTheLaxFormsOfTheOriginal() {
        JsonBody body = body("{\"a\": \"5\", \"b\": 7.0, \"c\": \"yes\", \"d\": 0, \"unknown\": [1]}");
        assertThat(body.requiredInt("a")).isEqualTo(5L);
        assertThat(body.requiredInt("b")).isEqualTo(7L);
        assertThat(body.bool("c", false)).isTrue();
        assertThat(body.bool("d", true)).isFalse();
        body.validate();
    }

    @Test
    void collectsEveryErrorWithPydanticShapes() {
        List<ValidationError> errors = errorsOf(() -> {
            JsonBody body = body("{\"name\": 12, \"count\": 1.5, \"tag_type\": \"Nope\"}");
            body.requiredString("name", 10);
            body.requiredInt("count");
            body.requiredEnum("tag_type", TagType.class);
            body.requiredString("description", 10);
            body.validate();
        });
        assertThat(errors).extracting(ValidationError::type)
                .containsExactly("string_type", "int_from_float", "enum", "missing");
        assertThat(errors.get(0).loc()).containsExactly("body", "name");
        assertThat(errors.get(2).msg())
                .isEqualTo("Input should be 'Study', 'ImageInstance', 'Annotation', 'Segmentation' or 'FormAnnotation'");
        assertThat(errors.get(3).msg()).isEqualTo("Field required");
    }

    @Test
    void rejectsMalformedAndNonObjectBodies() {
        assertThat(errorsOf(() -> body("{\"name\": ")).get(0).type()).isEqualTo("json_invalid");
        assertThat(errorsOf(() -> body("[1, 2]")).get(0).type()).isEqualTo("model_attributes_type");
        assertThatThrownBy(() -> JsonBody.parse(new byte[0], mapper))
                .isInstanceOf(RequestValidationException.class);
    }

    @Test
    void limitsStringLength() {
        assertThat(body("{\"name\": \"abcde\"}").requiredString("name", 5)).isEqualTo("abcde");
        List<ValidationError> late = errorsOf(() -> {
            JsonBody b = body("{\"name\": \"abcdef\"}");
            b.requiredString("name", 5);
            b.validate();
        });
        assertThat(late.get(0).type()).isEqualTo("string_too_long");
        assertThat(late.get(0).ctx()).containsEntry("max_length", 5);
    }
}
