package dev.macula.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 body, shaped like a pydantic v2 error because existing clients parse it:
 * {@code {"type", "loc", "msg", "input", "ctx"?}}. {@code input} is always present (may be null);
 * {@code ctx} only when the error type has context.
 */
@JsonPropertyOrder({"type", "loc", "msg", "input", "ctx"})
public record ValidationError(
        String type,
        List<Object> loc,
        String msg,
        @JsonInclude(JsonInclude.Include.ALWAYS) Object input,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> ctx) {

    public static ValidationError of(String type, List<Object> loc, String msg, Object input) {
        return new ValidationError(type, loc, msg, input, null);
    }
}
