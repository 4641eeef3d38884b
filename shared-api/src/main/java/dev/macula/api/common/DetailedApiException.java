package dev.macula.api.common;

import java.util.Map;

/** A failure whose {@code detail} is an object, not a string (the contract's feature-delete 409, docs/api.md §8.3). */
public class DetailedApiException extends ApiException {

    private final Map<String, Object> body;

    public DetailedApiException(int status, Map<String, Object> body) {
        super(status, String.valueOf(body.get("message")));
        this.body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body)); // keeps the order
    }

    public Map<String, Object> body() {
        return body;
    }
}
