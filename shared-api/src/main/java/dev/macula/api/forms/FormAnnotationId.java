package dev.macula.api.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "form-annotation:<id>"}. */
public record FormAnnotationId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "form-annotation";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public FormAnnotationId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static FormAnnotationId of(long value) {
        return new FormAnnotationId(value);
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    @Override
    public String toString() {
        return EntityId.aggregateIdentifier(TYPE, value);
    }
}
