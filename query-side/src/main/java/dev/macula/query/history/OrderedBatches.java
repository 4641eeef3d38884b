package dev.macula.query.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns items arriving one by one into results in the same order, the work done batch by batch on an
 * executor: the caller keeps reading (the database cursor) while other cores render. At most
 * {@code inFlight} batches are pending, so memory stays bounded; results are handed to {@code out}
 * on the caller's thread, in order.
 */
final class OrderedBatches<T, R> implements Consumer<T>, AutoCloseable {

    private final int batchSize;
    private final int inFlight;
    private final Executor executor;
    private final Function<List<T>, R> work;
    private final Consumer<R> out;
    private final Deque<CompletableFuture<R>> pending = new ArrayDeque<>();
    private List<T> batch;

    OrderedBatches(int batchSize, int inFlight, Executor executor, Function<List<T>, R> work, Consumer<R> out) {
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.executor = executor;
        this.work = work;
        this.out = out;
        this.batch = new ArrayList<>(batchSize);
    }

    @Override
    public void accept(T item) {
        batch.add(item);
        if (batch.size() == batchSize) {
            submit();
        }
    }

    /** Hands out what is left, in order. */
    @Override
    public void close() {
        if (!batch.isEmpty()) {
            submit();
        }
        while (!pending.isEmpty()) {
            out.accept(join(pending.removeFirst()));
        }
    }

    private void submit() {
        List<T> full = batch;
        batch = new ArrayList<>(batchSize);
        pending.addLast(CompletableFuture.supplyAsync(() -> work.apply(full), executor));
        while (pending.size() > inFlight || (!pending.isEmpty() && pending.peekFirst().isDone())) {
            out.accept(join(pending.removeFirst()));
        }
    }

    private static <R> R join(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
