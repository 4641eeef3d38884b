package dev.macula.api.imaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "series:<id>"}. */
public record SeriesId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "series";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SeriesId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static SeriesId of(long value) {
        return new SeriesId(value);
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
