package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "subtask:<id>"}. */
public record SubTaskId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "subtask";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SubTaskId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static SubTaskId of(long value) {
        return new SubTaskId(value);
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
