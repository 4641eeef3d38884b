package dev.macula.tools.migrate;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/**
 * Lets a migrated command's events carry the original row's time ({@code DateInserted}) instead of
 * now. Axon stamps an event when the aggregate applies it, from the static {@link GenericEventMessage#clock},
 * in the thread that sends the command (the simple command bus): so the clock answers a per-thread
 * moment while one is set and the system time otherwise (background processors keep real time).
 */
final class MigrationClock extends Clock {

    private static final ThreadLocal<Instant> MOMENT = new ThreadLocal<>();
    private static final Clock SYSTEM = Clock.systemUTC();

    private MigrationClock() {
    }

    /** Installs the clock in Axon (once per process; harmless when repeated). */
    static void install() {
        if (!(GenericEventMessage.clock instanceof MigrationClock)) {
            GenericEventMessage.clock = new MigrationClock();
        }
    }

    /** Runs {@code work} with events stamped {@code at} (null: now). */
    static <T> T at(Instant at, Callable<T> work) throws Exception {
        Instant before = MOMENT.get();
        MOMENT.set(at);
        try {
            return work.call();
        } finally {
            MOMENT.set(before);
        }
    }

    @Override
    public Instant instant() {
        Instant moment = MOMENT.get();
        return moment != null ? moment : SYSTEM.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return SYSTEM.withZone(zone);
    }
}
