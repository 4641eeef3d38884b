package dev.macula.projection.search;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes of a rebuild processor, one behind its event handling: while batch N is rendered and
 * bulk-written on a virtual thread, the processor already reads and dispatches batch N+1 (a rebuild
 * otherwise spent a third of its time waiting for Elasticsearch with nothing else to do). Writes
 * stay in batch order, one at a time.
 * <p>
 * Batch N's token is committed before its documents are written, so a failed write is kept and
 * written again (synchronously) before the next batch may commit; until it succeeds every next batch
 * fails and the processor retries with back-off. Only a rebuild may work this way: its state lives in
 * this process, and a rebuild interrupted by a crash is discarded, never resumed.
 */
final class PipelinedWrites {

    /** One batch's documents. */
    interface Write {
        void run(Set<Long> ids);
    }

    /** How long a flush keeps retrying a failing write (Elasticsearch restarting, say). */
    static final java.time.Duration FLUSH_PATIENCE = java.time.Duration.ofMinutes(2);

    private final Write write;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private Set<Long> inFlightIds = Set.of();

    PipelinedWrites(Write write) {
        this.write = write;
    }

    /** Called as a batch commits: waits for the previous write (writing it again if it failed), then starts this one. */
    synchronized void submit(Set<Long> ids) {
        settlePrevious();
        Set<Long> batch = Set.copyOf(ids);
        inFlightIds = batch;
        inFlight = CompletableFuture.runAsync(() -> write.run(batch), task -> Thread.ofVirtual().start(task));
    }

    /**
     * Waits until every submitted batch is written (before the alias moves, at the end, and before
     * the index is asked which documents refer to something). A failing write is tried again with
     * back-off, as the processor would retry a batch, for up to {@link #FLUSH_PATIENCE}.
     */
    synchronized void flush() {
        long deadline = System.nanoTime() + FLUSH_PATIENCE.toNanos();
        long backOff = 250;
        while (true) {
            try {
                settlePrevious();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + backOff * 1_000_000 > deadline) {
                    throw e;
                }
                sleep(backOff);
                backOff = Math.min(backOff * 2, 10_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write a rebuild batch", e);
        }
    }

    private void settlePrevious() {
        try {
            inFlight.join();
        } catch (CompletionException failed) {
            // its batch is committed: write it here, and let an exception fail the current batch instead
            write.run(inFlightIds);
            inFlight = CompletableFuture.completedFuture(null);
        }
        inFlightIds = Set.of();
    }
}
