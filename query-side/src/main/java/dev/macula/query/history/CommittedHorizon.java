package dev.macula.query.history;

import dev.macula.api.common.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.time.Duration;
import java.util.List;

/**
 * The highest event position below which the event store is final: every position up to it belongs
 * to a transaction that has committed (its event is visible) or rolled back (a gap forever). Reading
 * up to it and resuming after it therefore never skips an event and never shows one twice.
 * <p>
 * Why it is needed: {@code globalindex} is a {@code bigserial}, allocated when a transaction inserts
 * its events but visible only when it commits, so a reader at the head can see position 12 while 11
 * is still committing — a cursor "after 12" would miss 11 for good (the activity feed's known gap).
 * <p>
 * How: (1) read the sequence's last allocated value H; (2) list the transactions holding the
 * {@code RowExclusiveLock} every insert into {@code domainevententry} takes before it draws a
 * position (the lock is held to the end of the transaction, so any position ≤ H still uncommitted
 * belongs to one of them); (3) wait until each of those has ended. No writer is blocked (no table
 * lock is taken); the wait is as long as the slowest command transaction in flight at that moment —
 * milliseconds normally. A transaction that keeps the table locked for longer than {@link #PATIENCE}
 * makes the export answer 503: asking again a little later is the way to keep exactness.
 */
@Component
class CommittedHorizon {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String WRITERS = "from pg_locks where locktype = 'relation'"
            + " and relation = 'domainevententry'::regclass and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()";

    private final JdbcTemplate jdbc;

    CommittedHorizon(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long position() {
        Long allocated = jdbc.queryForObject("select pg_sequence_last_value("
                + "pg_get_serial_sequence('domainevententry', 'globalindex')::regclass)", Long.class);
        if (allocated == null) {
            return 0; // no position was ever drawn
        }
        List<String> writers = jdbc.queryForList("select distinct virtualtransaction " + WRITERS, String.class);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long pause = 1;
        while (!writers.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new ApiException(503, "Events are still being committed by a long transaction; "
                        + "ask again in a little while (the export only hands out positions every earlier "
                        + "transaction has finished with)");
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
            writers = stillRunning(writers);
        }
        return allocated;
    }

    /** A virtual transaction id names one transaction of one backend; the backend's next one gets another. */
    private List<String> stillRunning(List<String> writers) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "select distinct virtualtransaction " + WRITERS + " and virtualtransaction = any(?)");
            Array array = connection.createArrayOf("text", writers.toArray());
            statement.setArray(1, array);
            return statement;
        }, (rs, row) -> rs.getString(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for committing events", e);
        }
    }
}
