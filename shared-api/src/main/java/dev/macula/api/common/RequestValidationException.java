package dev.macula.api.common;

import java.util.List;

/** The request did not have the contract's shape: rendered as 422 {@code {"detail": [errors]}}. */
public class RequestValidationException extends RuntimeException {

    private final List<ValidationError> errors;

    public RequestValidationException(List<ValidationError> errors) {
        super("request validation failed: " + errors.size() + " error(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public RequestValidationException(ValidationError error) {
        this(List.of(error));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
