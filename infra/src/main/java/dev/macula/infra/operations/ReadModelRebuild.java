package dev.macula.infra.operations;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Rebuilds every PostgreSQL read model from the event store. Writes are paused for the duration
 * (they answer 503); reads go on: the old rows are deleted (not truncated) and the events replayed
 * through the inline projections in <em>one</em> transaction, so readers see the old state until the
 * commit and the new one after, and a failure leaves everything as it was.
 */
final class ReadModelRebuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    /** The inline projections' handlers, in replay order (parents first). */
    private final Map<String, EventHandlerInvoker> invokers;
    /** Their tables, children before parents (foreign keys). */
    private final List<String> tables;
    private final EventStorageEngine storage;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final WriteGate gate;
    private final LongSupplier head;
    private final Instant startedAt = Instant.now();

    private volatile String state = "pausing writes";
    private volatile long replayed;
    private volatile long total;
    private volatile double eventsPerSecond;
    private volatile String error;
    private volatile Instant finishedAt;

    ReadModelRebuild(Map<String, EventHandlerInvoker> invokers, List<String> tables, EventStorageEngine storage,
                     TransactionTemplate transaction, JdbcTemplate jdbc, WriteGate gate, LongSupplier head) {
        this.invokers = invokers;
        this.tables = tables;
        this.storage = storage;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.gate = gate;
        this.head = head;
    }

    boolean finished() {
        return finishedAt != null;
    }

    @Override
    public void run() {
        gate.close("the read-model rebuild");
        try {
            total = head.getAsLong();
            state = "replaying";
            long started = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                tables.forEach(table -> jdbc.update("delete from " + table));
                try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                    Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        replay(event);
                        replayed++;
                        if (replayed % 1_000 == 0) {
                            eventsPerSecond = replayed / ((System.nanoTime() - started) / 1e9);
                        }
                    }
                }
                state = "committing";
            });
            eventsPerSecond = replayed / ((System.nanoTime() - started) / 1e9);
            state = "analyzing";
            tables.forEach(table -> jdbc.execute("analyze " + table)); // every row is new: fresh planner statistics
            state = "completed";
            log.info("Read models rebuilt from {} events", replayed);
        } catch (RuntimeException e) {
            state = "failed";
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Read-model rebuild failed; the read models are unchanged", e);
        } finally {
            gate.open();
            finishedAt = Instant.now();
        }
    }

    private void replay(TrackedEventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(event).execute(() -> invokers.values().forEach(invoker -> {
            try {
                if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Replaying " + event.getPayloadType().getSimpleName() + " failed", e);
            }
        }));
    }

    Map<String, Object> progress() {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("state", state);
        progress.put("events_done", replayed);
        progress.put("head", total);
        progress.put("events_per_second", Math.round(eventsPerSecond));
        progress.put("eta_seconds", eventsPerSecond > 0 ? Math.round(Math.max(0, total - replayed) / eventsPerSecond) : null);
        progress.put("started_at", startedAt.toString());
        progress.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        progress.put("error", error);
        return progress;
    }
}
