package dev.macula.api.segmentation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "feature:<id>"}. */
public record FeatureId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "feature";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public FeatureId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static FeatureId of(long value) {
        return new FeatureId(value);
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
