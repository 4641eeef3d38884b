package dev.macula.infra.operations;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
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
    /** The metadata key of MessageOriginProvider: the id of the message whose handling applied the event. */
    private static final String CORRELATION_ID = MessageOriginProvider.getDefaultCorrelationKey();

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
    private volatile long replayStarted;
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
            replayStarted = started;
            transaction.executeWithoutResult(status -> {
                // the history is replayed too: clear it, without the triggers recording the clearing
                jdbc.queryForList("select set_config('macula.history', 'off', true)");
                tables.forEach(table -> jdbc.update("delete from " + table));
                tables.forEach(table -> jdbc.update("delete from " + table + "_history"));
                jdbc.queryForList("select set_config('macula.history', 'on', true)");
                jdbc.update("update read_model_history_start set position = 0");
                try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                    Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                    List<TrackedEventMessage<?>> command = new ArrayList<>();
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        if (!command.isEmpty() && !sameCommand(command.getFirst(), event)) {
                            replay(command);
                        }
                        command.add(event);
                    }
                    if (!command.isEmpty()) {
                        replay(command);
                    }
                }
                state = "committing";
            });
            eventsPerSecond = replayed / ((System.nanoTime() - started) / 1e9);
            state = "analyzing";
            tables.forEach(table -> jdbc.execute("analyze " + table + ", " + table + "_history")); // every row is new
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

    /**
     * Replays the events of one command. Live, each read-model change of a command is stamped with
     * the command's last event position (the event-store trigger of migration V18); the replay
     * stamps the same, so the rebuilt history equals the recorded one.
     */
    private void replay(List<TrackedEventMessage<?>> command) {
        long last = command.getLast().trackingToken().position().orElseThrow();
        jdbc.queryForList("select set_config('macula.position', ?, true)", Long.toString(last));
        command.forEach(this::replay);
        replayed += command.size();
        command.clear();
        eventsPerSecond = replayed / ((System.nanoTime() - replayStarted) / 1e9);
    }

    /**
     * Events of one command carry its message id as {@code correlationId} (Axon's MessageOriginProvider).
     * Not the {@code traceId}: a command sent by an event handler inherits the trace of that event, so
     * the thumbnails an import causes share the import's trace, though they are a command of their own.
     */
    private static boolean sameCommand(TrackedEventMessage<?> first, TrackedEventMessage<?> next) {
        Object command = first.getMetaData().get(CORRELATION_ID);
        return command != null && command.equals(next.getMetaData().get(CORRELATION_ID));
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
