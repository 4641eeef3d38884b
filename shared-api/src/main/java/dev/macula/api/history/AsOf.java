package dev.macula.api.history;

import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The {@code as_of} query parameter: a global event position (a non-negative integer) or an ISO-8601
 * instant (with {@code Z}, an offset, or no zone for UTC). Parsing only; {@link AsOfPositions} turns
 * it into the position an answer shows ({@link TimeTravel#resolve}).
 */
public sealed interface AsOf {

    String PARAMETER = "as_of";

    record Position(long value) implements AsOf {
    }

    record At(Instant instant) implements AsOf {
    }

    /** @throws RequestValidationException (422, {@code loc ["query","as_of"]}) for anything else */
    static AsOf parse(String raw) {
        return parse(raw, List.of("query", PARAMETER));
    }

    /** For a value from elsewhere, e.g. a revert body ({@code ["body","as_of"]}). */
    static AsOf parse(String raw, List<Object> loc) {
        String text = raw == null ? "" : raw.strip();
        if (text.matches("\\d{1,18}")) {
            return new Position(Long.parseLong(text));
        }
        if (text.matches("-?\\d+")) {
            throw invalid(raw, loc, "a position must be a non-negative integer of at most 18 digits");
        }
        try {
            return new At(Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return new At(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return new At(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw invalid(raw, loc, "expected an ISO-8601 instant (2026-12-06T14:05:20.123Z) or an event position");
                }
            }
        }
    }

    static RequestValidationException invalid(Object raw, List<Object> loc, String why) {
        return new RequestValidationException(ValidationError.of("value_error", loc,
                "Value error, " + why, raw));
    }
}
