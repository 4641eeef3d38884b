package dev.macula.api.common;

import java.util.Map;

/**
 * A failure the client caused, carrying the HTTP status and the contract's {@code detail} message.
 * Thrown anywhere (controllers, aggregates, projections); the web layer renders it as
 * {@code {"detail": "...", ...fields}} with the status, never with a stack trace.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> fields;

    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /** With more top-level fields of the body next to {@code detail}, e.g. the objects that are in the way. */
    public ApiException(int status, String detail, Map<String, Object> fields) {
        super(detail, null, false, false);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String detail() {
        return getMessage();
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }
}
