package dev.macula.projection.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Read models store UTC timestamps in whole seconds, like the original's DATETIME columns. */
public final class Times {

    private Times() {
    }

    public static Timestamp seconds(Instant instant) {
        return Timestamp.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A time the API showed (UTC, no offset) back into a column: a restored object keeps its insertion date. */
    public static Timestamp utc(java.time.LocalDateTime time) {
        return Timestamp.valueOf(time);
    }
}
