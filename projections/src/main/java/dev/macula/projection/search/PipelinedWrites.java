package dev.macula.projection.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes of a rebuild processor, behind its event handling, in two overlapping stages. The
 * processor's batches hand over the documents they touched and go on reading and dispatching
 * events; a writer thread takes the waiting documents a chunk at a time, renders a chunk
 * (PostgreSQL) while the chunk before is being sent ({@code _bulk}, Elasticsearch), and keeps
 * going as long as documents wait. So neither stage waits for the other or for the event
 * handling, a document touched by several batches before its turn is rendered once, and the
 * handling only waits when {@link #MAX_WAITING} documents are waiting. Chunks are sent one at a
 * time in the order they were rendered, each rendered from a newer snapshot than the one before.
 * <p>
 * A batch's token is committed before its documents are written, so a failed write is kept (its
 * documents first again) and written again synchronously before the next batch may commit; until it
 * succeeds every next batch fails and the processor retries with back-off. Only a rebuild may work
 * this way: its state lives in this process, and a rebuild interrupted by a crash is discarded,
 * never resumed.
 */
final class PipelinedWrites {

    /** Renders one chunk of documents and returns its write, to be run after the writes of the chunks before. */
    interface Write {
        Runnable render(List<Long> ids);
    }

    /** How long a flush keeps retrying a failing write (Elasticsearch restarting, say). */
    static final Duration FLUSH_PATIENCE = Duration.ofMinutes(2);

    /** Documents that may wait for the writer before a batch waits too (bounds memory; the writes must keep up). */
    static final int MAX_WAITING = 20_000;

    /** Documents per chunk: one rendering snapshot and one {@code _bulk} request. */
    static final int CHUNK = 1_000;

    private final Write write;
    private final LongAdder waited;
    private final int maxWaiting;
    private final int chunk;
    /** Documents of committed batches not taken by the writer yet, in batch order. */
    private Set<Long> waiting = new LinkedHashSet<>();
    private boolean writing;
    /** Why the last write failed; its documents are back at the front of {@link #waiting}. */
    private RuntimeException failed;

    PipelinedWrites(Write write) {
        this(write, new LongAdder(), MAX_WAITING, CHUNK);
    }

    /** {@code waited}: nanoseconds the event handling spent waiting for writes. */
    PipelinedWrites(Write write, LongAdder waited) {
        this(write, waited, MAX_WAITING, CHUNK);
    }

    PipelinedWrites(Write write, LongAdder waited, int maxWaiting, int chunk) {
        this.write = write;
        this.waited = waited;
        this.maxWaiting = maxWaiting;
        this.chunk = chunk;
    }

    /**
     * Called as a batch commits: hands its documents to the writer (starting it if it is idle). A
     * failed write is written again here first, and its failure fails this batch.
     */
    synchronized void submit(Set<Long> ids) {
        long start = System.nanoTime();
        try {
            while (writing && waiting.size() >= maxWaiting) {
                await(0);
            }
            if (failed != null) {
                writeWaiting();
            }
        } finally {
            waited.add(System.nanoTime() - start);
        }
        waiting.addAll(ids);
        if (!writing && !waiting.isEmpty()) {
            writing = true;
            Thread.ofVirtual().name("rebuild-write").start(this::writeWhileWaiting);
        }
    }

    /**
     * Waits until every submitted document is written (before the alias moves, at the end, and
     * before the index is asked which documents refer to something). A failing write is tried again
     * with back-off, as the processor would retry a batch, for up to {@link #FLUSH_PATIENCE}.
     */
    synchronized void flush() {
        long deadline = System.nanoTime() + FLUSH_PATIENCE.toNanos();
        long backOff = 250;
        while (true) {
            try {
                while (writing) {
                    await(0);
                }
                if (failed != null || !waiting.isEmpty()) {
                    writeWaiting();
                }
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + backOff * 1_000_000 > deadline) {
                    throw e;
                }
                await(backOff);
                backOff = Math.min(backOff * 2, 10_000);
            }
        }
    }

    /** The writer thread: renders chunk after chunk, each while the one before is sent, until nothing waits. */
    private void writeWhileWaiting() {
        CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
        List<Long> sendingIds = List.of();
        List<Long> rendering = List.of();
        try {
            while (true) {
                rendering = take();
                if (rendering.isEmpty()) {
                    settle(sending);
                    sendingIds = List.of();
                    if (stopIfNothingWaits()) {
                        return;
                    }
                    continue;
                }
                Runnable send = write.render(rendering);
                settle(sending);
                sendingIds = rendering;
                rendering = List.of();
                sending = CompletableFuture.runAsync(send, task -> Thread.ofVirtual().name("rebuild-send").start(task));
            }
        } catch (RuntimeException | Error e) {
            // the chunk being sent (if that failed) and the one rendered go back before everything waiting
            List<Long> unwritten = new ArrayList<>();
            if (sending.isCompletedExceptionally()) {
                unwritten.addAll(sendingIds);
            } else {
                try {
                    sending.join(); // the write before may still be running: it must end before anything is retried
                } catch (CompletionException sendFailed) {
                    unwritten.addAll(sendingIds);
                }
            }
            unwritten.addAll(rendering);
            failedWith(unwritten, e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("rebuild write failed", e));
        }
    }

    private synchronized List<Long> take() {
        List<Long> ids = new ArrayList<>(Math.min(chunk, waiting.size()));
        Iterator<Long> it = waiting.iterator();
        while (it.hasNext() && ids.size() < chunk) {
            ids.add(it.next());
            it.remove();
        }
        notifyAll(); // a batch may wait for room
        return ids;
    }

    private synchronized boolean stopIfNothingWaits() {
        if (!waiting.isEmpty()) {
            return false;
        }
        writing = false;
        notifyAll();
        return true;
    }

    private synchronized void failedWith(List<Long> unwritten, RuntimeException failure) {
        Set<Long> again = new LinkedHashSet<>(unwritten);
        again.addAll(waiting);
        waiting = again;
        failed = failure;
        writing = false;
        notifyAll();
    }

    private static void settle(CompletableFuture<Void> sending) {
        dev.macula.api.common.Futures.join(sending);
    }

    /** Writes the waiting documents (a failed write's first) on the calling thread; a failure is kept and thrown. */
    private void writeWaiting() {
        List<Long> all = new ArrayList<>(waiting);
        waiting = new LinkedHashSet<>();
        for (int from = 0; from < all.size(); from += chunk) {
            try {
                write.render(all.subList(from, Math.min(all.size(), from + chunk))).run();
            } catch (RuntimeException e) {
                Set<Long> again = new LinkedHashSet<>(all.subList(from, all.size()));
                again.addAll(waiting);
                waiting = again;
                failed = e;
                throw e;
            }
        }
        failed = null;
    }

    private void await(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a rebuild write", e);
        }
    }
}
