package dev.macula.tools.bench;

import dev.macula.tools.support.PlatformClient;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./macula bench export [N]}: about N events (default 60,000: 3,000 of tags created, renamed and
 * described over the API, 16 requests at a time, and copies of those under new aggregates), then the whole event store out through
 * {@code GET /api/admin/events} (events/s, the client counting lines) against PostgreSQL's own
 * {@code COPY (SELECT <the event table's columns> ORDER BY globalindex) TO STDOUT} through pgjdbc's
 * CopyManager in this process (events/s, counting rows) — after three untimed rounds of each, five
 * rounds interleaved, best of five each.
 * Summary: {@code event_export}, ratio = export / raw COPY (goal ≥ 0.5).
 */
public final class EventExportBench {

    private static final int CONCURRENCY = 16;
    /** Events made over the API; the rest are copies of them (the export's read path is what is measured). */
    private static final int API_EVENTS = 3000;
    private static final int ROUNDS = 5;
    /**
     * Whole untimed rounds of both paths first: the server compiles the export's code while it runs,
     * and its first round over a fresh JVM goes at about half the speed of the later ones.
     */
    private static final int WARM_UP_ROUNDS = 3;
    private static final String RAW = "COPY (SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry ORDER BY globalindex)"
            + " TO STDOUT";

    private EventExportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int events = Integer.parseInt(o.getOrDefault("--events", "60000"));
        PlatformClient client = new PlatformClient(o.get("--url"), null, null, null);
        client.login(System.getenv("MACULA_USERNAME"), System.getenv("MACULA_PASSWORD"));

        long start = System.nanoTime();
        int overApi = Math.min(events, API_EVENTS);
        generate(client, overApi);
        double writeSeconds = (System.nanoTime() - start) / 1e9;

        HttpClient http = HttpClient.newHttpClient();
        try (Connection db = DriverManager.getConnection(o.get("--db-url"), "postgres", "")) {
            long copies = multiply(db, events);
            settle(client);
            long stored = exportLines(http, client, "?limit=2000");
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                exportLines(http, client, "");
                copyRows(db);
            }
            double best = 0;
            double bestRaw = 0;
            long lines = 0;
            long rows = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long t = System.nanoTime();
                lines = exportLines(http, client, "");
                best = Math.max(best, lines / ((System.nanoTime() - t) / 1e9));
                t = System.nanoTime();
                rows = copyRows(db);
                bestRaw = Math.max(bestRaw, rows / ((System.nanoTime() - t) / 1e9));
            }
            if (lines != rows || stored == 0) {
                throw new IllegalStateException("the export gave " + lines + " events, COPY " + rows + " rows");
            }
            System.out.printf("""
                    event export benchmark: %,d events in the store (%,d written over the API in %.1f s, %,d copies of them)
                      GET /api/admin/events (NDJSON, whole store)   %,10.0f events/s
                      raw COPY (SELECT … ORDER BY globalindex) TO STDOUT   %,10.0f rows/s  (ratio %.2f; goal ≥ 0.5)
                    """, lines, overApi, writeSeconds, copies, best, bestRaw, best / bestRaw);
            BenchSummary.record("event_export", best, bestRaw, "events/s (export vs raw COPY)", false);
        }
    }

    /**
     * Fills the store up to about {@code events} with copies of the tag events written over the API,
     * each under a new aggregate (tag id + k × 10^9, new event ids, same payloads), appended in one
     * statement: valid stored events for the reader, made in seconds rather than the many minutes
     * commands would take. The read models do not know the copies; the export does not read them.
     * The number of copies made.
     */
    private static long multiply(Connection db, int events) throws Exception {
        long stored;
        try (var statement = db.createStatement(); var rs = statement.executeQuery(
                "select count(*) from domainevententry where starts_with(aggregateidentifier, 'tag:')")) {
            rs.next();
            stored = rs.getLong(1);
        }
        long copies = Math.max(0, (events - stored) / Math.max(1, stored));
        try (var statement = db.prepareStatement("""
                insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                select 'tag:' || (split_part(e.aggregateidentifier, ':', 2)::bigint + k * 1000000000), e.sequencenumber,
                       e.type, gen_random_uuid()::text, e.metadata, e.payload, e.payloadrevision, e.payloadtype, e.timestamp
                from generate_series(1, ?) k, domainevententry e
                where starts_with(e.aggregateidentifier, 'tag:')
                order by k, e.globalindex""")) {
            statement.setLong(1, copies);
            statement.executeUpdate();
        }
        return copies;
    }

    /**
     * Waits until the tracking projections (search indexes) have processed the copies: they would
     * otherwise index them during the measurement and take the cores from both sides.
     */
    private static void settle(PlatformClient client) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            long behind = 0;
            for (var projection : PlatformClient.JSON.readTree(ok(client.get("/api/admin/projections")).body())) {
                behind += projection.path("lag").asLong(0);
            }
            if (behind == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections still " + behind + " events behind after 5 minutes");
            }
            System.err.printf("\rprojections catching up: %,d events behind   ", behind);
            Thread.sleep(1000);
        }
    }

    /** Tags created, then renamed or described (one event a request), CONCURRENCY requests at a time. */
    private static void generate(PlatformClient client, int events) throws Exception {
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<Future<?>> work = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        int tags = Math.max(1, events / 3);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < tags; i++) {
                slots.acquire();
                int n = i;
                work.add(pool.submit(() -> {
                    try {
                        long id = PlatformClient.JSON.readTree(ok(client.post("/api/tags", Map.of("name", "bench-" + n,
                                "tag_type", "Study", "description", "generated for the export benchmark, tag " + n)))
                                .body()).get("id").asLong();
                        ok(client.patch("/api/tags/" + id, Map.of("name", "bench-renamed-" + n)));
                        ok(client.patch("/api/tags/" + id, Map.of("description", "described again: " + n)));
                        if (done.addAndGet(3) % 6000 == 0) {
                            System.err.printf("\r%,d events written", done.get());
                        }
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        System.err.println();
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** The export read to its end, as a client would: the number of lines. */
    private static long exportLines(HttpClient http, PlatformClient client, String query) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(client.url()
                        + "/api/admin/events" + query)).header("Authorization", "Bearer " + client.token()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export: " + response.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** The event table through COPY into a sink that counts rows (one a line in COPY's text format). */
    private static long copyRows(Connection db) throws Exception {
        LineCounter counter = new LineCounter();
        db.unwrap(PGConnection.class).getCopyAPI().copyOut(RAW, counter);
        return counter.lines;
    }

    private static final class LineCounter extends OutputStream {
        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
