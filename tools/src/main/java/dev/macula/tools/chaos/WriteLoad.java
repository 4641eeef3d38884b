package dev.macula.tools.chaos;

import dev.macula.tools.support.PlatformClient;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients creating tags as fast as they can, remembering which ones were acknowledged. */
final class WriteLoad {

    private static final int CLIENTS = 8;

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger slowestMillis = new AtomicInteger();
    final List<String> otherThan503 = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final PlatformClient client;
    private final String label;

    private WriteLoad(PlatformClient client, String label) {
        this.client = client;
        this.label = label;
    }

    /** Clients creating tags on {@code node}, already {@code millis} under way when this returns. */
    static WriteLoad writing(ChaosNode node, String label, long millis) throws InterruptedException {
        WriteLoad load = new WriteLoad(node.client(), label);
        load.start();
        Thread.sleep(millis);
        return load;
    }

    private void start() {
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    write(label + "-" + client + "-" + n++);
                }
                return null;
            });
        }
    }

    private void write(String name) throws InterruptedException {
        long t = System.nanoTime();
        try {
            HttpResponse<String> response = client.post("/api/tags", Map.of("name", name,
                    "tag_type", "ImageInstance", "description", "chaos"));
            if (response.statusCode() == 200) {
                acknowledged.add(name);
            } else {
                failed.incrementAndGet();
                if (response.statusCode() != 503 || !response.body().contains("detail")) {
                    otherThan503.add(response.statusCode() + " " + response.body());
                }
            }
        } catch (Exception e) {
            failed.incrementAndGet(); // the node is gone: not acknowledged
            Thread.sleep(100);
        }
        slowestMillis.accumulateAndGet((int) ((System.nanoTime() - t) / 1_000_000), Math::max);
    }

    void stop() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
