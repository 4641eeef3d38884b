package dev.macula.api.imaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "instance:<id>"}. */
public record InstanceId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "instance";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public InstanceId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static InstanceId of(long value) {
        return new InstanceId(value);
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
