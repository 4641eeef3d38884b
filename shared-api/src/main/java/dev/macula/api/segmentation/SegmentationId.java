package dev.macula.api.segmentation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "segmentation:<id>"}. */
public record SegmentationId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "segmentation";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SegmentationId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static SegmentationId of(long value) {
        return new SegmentationId(value);
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
