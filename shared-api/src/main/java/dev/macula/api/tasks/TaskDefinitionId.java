package dev.macula.api.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "task-definition:<id>"}. */
public record TaskDefinitionId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "task-definition";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TaskDefinitionId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static TaskDefinitionId of(long value) {
        return new TaskDefinitionId(value);
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
