package dev.macula.infra.security;

import dev.macula.api.common.NameKey;
import dev.macula.api.common.TooManyRequestsException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per user name: after {@code maxFailures} failed logins within
 * {@link #WINDOW} the name is locked, for {@code lockSeconds} at first and twice as long for every
 * further lock that follows within a window of the previous one (at most {@link #MAX_LOCK}). A success clears the record. Per node, in memory: a
 * restart forgets, which is acceptable for throttling.
 */
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final Duration firstLock;
    private final Clock clock;
    private final ConcurrentHashMap<String, Record> records = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, int lockSeconds, Clock clock) {
        this.maxFailures = Math.max(1, maxFailures);
        this.firstLock = Duration.ofSeconds(Math.max(1, lockSeconds));
        this.clock = clock;
    }

    /** Throws 429 while the name is locked. */
    public void check(String username) {
        Record record = records.get(NameKey.of(username));
        Instant now = clock.instant();
        if (record != null && record.lockedUntil != null && now.isBefore(record.lockedUntil)) {
            long seconds = Math.max(1, (Duration.between(now, record.lockedUntil).toMillis() + 999) / 1000);
            throw new TooManyRequestsException(
                    "Too many failed login attempts; try again in " + seconds + " seconds", seconds);
        }
    }

    public void failed(String username) {
        Instant now = clock.instant();
        if (records.size() > MAX_TRACKED) {
            records.values().removeIf(r -> r.windowStart.plus(WINDOW).isBefore(now)
                    && (r.lockedUntil == null || r.lockedUntil.isBefore(now)));
        }
        records.compute(NameKey.of(username), (key, record) -> {
            Record r = record == null || record.windowStart.plus(WINDOW).isBefore(now)
                    ? new Record(now, escalation(record, now)) : record;
            r.failures++;
            if (r.failures >= maxFailures) {
                Duration lock = firstLock.multipliedBy(1L << Math.min(r.locks, 10));
                r.lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
                r.locks++;
                r.failures = 0;
                r.windowStart = now;
            }
            return r;
        });
    }

    /** Earlier locks count towards a longer one only while the last lock is less than a window ago. */
    private static int escalation(Record previous, Instant now) {
        if (previous == null || previous.lockedUntil == null || previous.lockedUntil.plus(WINDOW).isBefore(now)) {
            return 0;
        }
        return previous.locks;
    }

    public void succeeded(String username) {
        records.remove(NameKey.of(username));
    }

    private static final class Record {
        Instant windowStart;
        int failures;
        int locks;
        Instant lockedUntil;

        Record(Instant windowStart, int locks) {
            this.windowStart = windowStart;
            this.locks = locks;
        }
    }
}
