package dev.macula.infra.metrics;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.RequestValidationException;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;
import java.time.Duration;

/**
 * How a command or search ended, as the {@code outcome} label: {@code rejected} is a refusal the
 * client caused (the 4xx answers of {@code ErrorAdvice}: validation, not found, a duplicate name),
 * {@code error} is everything the server should be paged for (5xx, unexpected exceptions).
 */
enum Outcome {
    SUCCESS("success"), REJECTED("rejected"), ERROR("error");

    /** Histogram buckets of commands and searches: a few milliseconds up to the 30 s unit-of-work timeout. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    static Outcome of(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof ApiException api) {
                return api.status() < 500 ? REJECTED : ERROR;
            }
            if (cause instanceof RequestValidationException || cause instanceof DuplicateKeyException
                    || (cause instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
                return REJECTED;
            }
        }
        return ERROR;
    }
}
