package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "task:<id>"}. */
public record TaskId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "task";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TaskId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static TaskId of(long value) {
        return new TaskId(value);
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
