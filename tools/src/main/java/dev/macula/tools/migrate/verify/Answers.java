package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.support.PlatformClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Macula's real HTTP answers, read as a user of the migrated platform with a token the platform issues
 * ({@code tokens}: a fresh one per batch, so a long verification outlives a token's 30 minutes). A few
 * requests are in flight at once. An answer other than 200 comes back as a text node saying so, which then
 * differs from any expected answer.
 */
final class Answers {

    private static final int IN_FLIGHT = 4;

    private final PlatformClient platform;
    private final Supplier<String> tokens;

    Answers(PlatformClient platform, Supplier<String> tokens) {
        this.platform = platform;
        this.tokens = tokens;
        renewToken();
    }

    void renewToken() {
        platform.useToken(tokens.get());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = platform.get(path);
        if (response.statusCode() != 200) {
            String body = response.body();
            return Metas.JSON.textNode("HTTP " + response.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        return PlatformClient.JSON.readTree(response.body());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return platform.download(path);
    }

    /** Runs the checks with a few in flight; the first failure (not a mismatch: an error) is thrown. */
    static void inParallel(List<Callable<Void>> checks) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<Void>> running = new ArrayList<>(checks.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<Void> check : checks) {
                slots.acquire();
                running.add(pool.submit(() -> {
                    try {
                        return check.call();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<Void> future : running) {
                future.get();
            }
        }
    }
}
