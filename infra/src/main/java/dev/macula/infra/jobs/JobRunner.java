package dev.macula.infra.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs background jobs on this node, one at a time per kind (as the original's named locks), and
 * keeps their progress in {@code background_job} so {@code GET /api/jobs/{id}} can report it from any
 * node. Starting a kind that is already running answers the running job instead of a second one.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JdbcTemplate jdbc;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public JobRunner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a job does; it reports through the {@link Tracker} it is given. */
    public interface Work {
        void run(Tracker tracker) throws Exception;
    }

    /** Jobs left "running" by a stopped node will never finish: say so. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        jdbc.update("""
                update background_job set state = 'interrupted', finished_at = now()
                where state in ('queued', 'running')""");
    }

    public synchronized UUID start(String kind, Long startedBy, Work work) {
        return running(kind).orElseGet(() -> launch(kind, startedBy, id -> { }, work));
    }

    /**
     * Starts a job unless one of its kind is running (then empty: the caller's request is not the
     * running job's). {@code register} runs with the new id before the work can start, so records that
     * belong to the job (its request) exist as soon as its id is known.
     */
    public synchronized Optional<UUID> startIfIdle(String kind, Long startedBy, Consumer<UUID> register, Work work) {
        return running(kind).isPresent() ? Optional.empty() : Optional.of(launch(kind, startedBy, register, work));
    }

    private Optional<UUID> running(String kind) {
        return jdbc.queryForList("select id from background_job where kind = ? and state in ('queued', 'running')",
                UUID.class, kind).stream().findFirst();
    }

    private UUID launch(String kind, Long startedBy, Consumer<UUID> register, Work work) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into background_job (id, kind, state, started_by, started_at) values (?, ?, 'queued', ?, now())",
                id, kind, startedBy);
        try {
            register.accept(id);
        } catch (RuntimeException e) {
            jdbc.update("update background_job set state = 'failed', error = 'not registered', finished_at = now() where id = ?", id);
            throw e;
        }
        executor.submit(() -> execute(id, kind, work));
        return id;
    }

    private void execute(UUID id, String kind, Work work) {
        jdbc.update("update background_job set state = 'running' where id = ?", id);
        Tracker tracker = new Tracker(id);
        try {
            work.run(tracker);
            tracker.flush();
            jdbc.update("update background_job set state = 'finished', finished_at = now() where id = ?", id);
        } catch (Exception | Error e) {
            log.warn("Job {} ({}) failed", id, kind, e);
            tracker.flush();
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            jdbc.update("update background_job set state = 'failed', error = ?, finished_at = now() where id = ?",
                    message.length() > 1000 ? message.substring(0, 1000) : message, id);
        }
    }

    /** Progress of one job, written to the table every few items and at the end. */
    public final class Tracker {

        private static final int FLUSH_EVERY = 20;
        private final UUID id;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private int sinceFlush;

        private Tracker(UUID id) {
            this.id = id;
        }

        /** The job's id (its task_id). */
        public UUID id() {
            return id;
        }

        public void total(int total) {
            jdbc.update("update background_job set total = ? where id = ?", total, id);
        }

        public synchronized void done(boolean succeeded) {
            done.incrementAndGet();
            if (!succeeded) {
                failed.incrementAndGet();
            }
            if (++sinceFlush >= FLUSH_EVERY) {
                flush();
            }
        }

        synchronized void flush() {
            sinceFlush = 0;
            jdbc.update("update background_job set done = ?, failed = ? where id = ?", done.get(), failed.get(), id);
        }
    }
}
