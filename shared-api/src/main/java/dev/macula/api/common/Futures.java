package dev.macula.api.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started on another thread, so that its failure reaches the caller as it was thrown. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code work}; its failure rethrown as itself rather than wrapped in a
     * {@link CompletionException}, so an {@link ApiException} stays a 4xx and a lost database a 503.
     */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
