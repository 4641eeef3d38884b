package dev.macula.api.imaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id of a device model; its aggregate also holds the model's device instances. */
public record DeviceModelId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "device";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DeviceModelId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static DeviceModelId of(long value) {
        return new DeviceModelId(value);
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
