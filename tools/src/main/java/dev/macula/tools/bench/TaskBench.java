package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.tools.support.PlatformClient;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code ./macula bench tasks [N]}: a task with N sub-tasks (default 10,000) created over the API,
 * then the latency (p50/p99) of listing pages, state-filtered pages and by-index reads, against the
 * same listing query run directly over JDBC in this process.
 */
public final class TaskBench {

    private static final ObjectMapper JSON = PlatformClient.JSON;

    private TaskBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        String url = o.get("--url");
        int count = Integer.parseInt(o.getOrDefault("--subtasks", "10000"));
        PlatformClient client = new PlatformClient(url, null, null, null);
        client.login(System.getenv("MACULA_USERNAME"), System.getenv("MACULA_PASSWORD"));
        long definition = JSON.readTree(client.post("/api/task-definitions", Map.of("name", "bench")).body())
                .get("id").asLong();
        long task = JSON.readTree(client.post("/api/task", Map.of("name", "bench", "task_definition_id", definition))
                .body()).get("id").asLong();

        long start = System.nanoTime();
        Semaphore slots = new Semaphore(8);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                slots.acquire();
                int n = i;
                work.add(pool.submit(() -> {
                    try {
                        HttpResponse<String> created = client.post("/api/task/" + task + "/subtasks",
                                Map.of("image_ids", List.of(), "comments", "subtask " + n));
                        if (created.statusCode() != 200) {
                            throw new IllegalStateException(created.body());
                        }
                        if (n % 3 == 0) {
                            long id = JSON.readTree(created.body()).get("id").asLong();
                            client.patch("/api/subtasks/" + id, Map.of("task_state", "Ready"));
                        }
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;

        Random random = new Random(3);
        int pages = count / 20;
        double[] list = time(200, () -> get(client, "/api/task/" + task + "/subtasks?limit=20&page="
                + random.nextInt(pages)));
        double[] filtered = time(200, () -> get(client, "/api/task/" + task
                + "/subtasks?limit=20&subtask_status=Ready&page=" + random.nextInt(pages / 3)));
        double[] byIndex = time(200, () -> get(client, "/api/task/" + task + "/subtask/"
                + random.nextInt(count) + "?with_next=true"));
        double[] raw;
        try (Connection c = DriverManager.getConnection(o.get("--db-url"), "postgres", "")) {
            PreparedStatement query = c.prepareStatement("""
                    select * from (select s.*, (row_number() over (order by s.id)) - 1 as idx from subtask s where s.task_id = ?) x
                    order by id limit 20 offset ?""");
            raw = time(200, () -> {
                query.setLong(1, task);
                query.setLong(2, 20L * random.nextInt(pages));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong("id");
                    }
                }
            });
        }
        System.out.printf("""
                task benchmark: one task with %d sub-tasks (a third Ready), created over the API in %.1f s (%.0f/s)
                  GET …/subtasks?limit=20&page=k              p50 %.1f ms  p99 %.1f ms
                  GET …/subtasks?limit=20&subtask_status=Ready  p50 %.1f ms  p99 %.1f ms
                  GET …/subtask/{index}?with_next=true          p50 %.1f ms  p99 %.1f ms
                  same page query over JDBC in-process         p50 %.1f ms  p99 %.1f ms  (API/raw p50 ratio %.1f)
                """, count, createSeconds, count / createSeconds, list[0], list[1], filtered[0], filtered[1],
                byIndex[0], byIndex[1], raw[0], raw[1], list[0] / raw[0]);
    }

    private static double[] time(int n, Latencies.Call call) throws Exception {
        return Latencies.time(20, n, call);
    }

    private static void get(PlatformClient client, String path) throws Exception {
        HttpResponse<String> response = client.get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
    }
}
