package dev.macula.query.history;

import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code since}/{@code until} query parameters on the event store's timestamps (activity feed, analytics). */
public final class QueryInstants {

    private QueryInstants() {
    }

    /**
     * An ISO-8601 instant as pydantic reads a datetime: with an offset or {@code Z}, or without
     * (taken as UTC), or a bare date (midnight UTC); a space may stand for the {@code T}. An
     * unencoded {@code +} of an offset arrives as a space and is read back as {@code +}.
     */
    public static Instant parse(String name, String raw) {
        if (raw == null) {
            return null;
        }
        Instant instant = parseInstant(name, raw);
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            // stored timestamps are four-digit-year text: a five-digit year would sort wrongly
            throw new RequestValidationException(new ValidationError("datetime_range", List.of("query", name),
                    "Input should be a datetime between the years 0000 and 9999", raw, null));
        }
        return instant;
    }

    private static Instant parseInstant(String name, String raw) {
        String text = raw.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T")
                .replaceFirst("(T[0-9:.]+) (\\d{2}(:?\\d{2})?)$", "$1+$2");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new RequestValidationException(new ValidationError("datetime_from_date_parsing",
                            List.of("query", name), "Input should be a valid datetime or date, invalid format "
                                    + "(ISO-8601, e.g. 2026-01-31T12:00:00Z)", raw, Map.of("error", "invalid format")));
                }
            }
        }
    }
}
