package dev.macula.api.tagging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.macula.api.common.EntityId;

/** Typed id; serialises as the bare integer, identifies its aggregate as {@code "tag:<id>"}. */
public record TagId(@JsonValue long value) implements EntityId {

    public static final String TYPE = "tag";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TagId {
        if (value <= 0) {
            throw new IllegalArgumentException("ids are positive: " + value);
        }
    }

    public static TagId of(long value) {
        return new TagId(value);
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
