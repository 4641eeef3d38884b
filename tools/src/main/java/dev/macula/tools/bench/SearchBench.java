package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.api.common.NameKey;
import dev.macula.infra.MaculaApplication;
import dev.macula.tools.support.PlatformClient;
import dev.macula.tools.support.ProgressBar;
import dev.macula.tools.synthetic.SyntheticImages;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./macula bench search [N]}: starts the platform in this JVM on a fresh database, generates N
 * instances (default 100,000) with tags, segmentations and form annotations through the ordinary
 * commands, then measures, side by side in one run:
 * <ul>
 *   <li>search latency p50/p99 of {@code POST /api/instances/search} (auth, validation, Elasticsearch,
 *   rendering 200 instances from PostgreSQL) against the equivalent hand-written Elasticsearch query
 *   sent straight to the node;</li>
 *   <li>write-to-searchable latency p50/p99: a tag attached over HTTP until a search finds it, against a
 *   document indexed straight into Elasticsearch until a search finds it;</li>
 *   <li>a blue/green rebuild of the instance index (events/s and documents/s) against raw {@code _bulk}
 *   of the same documents into a scratch index.</li>
 * </ul>
 * Prints a table and writes {@code target/bench/search.json}.
 */
public final class SearchBench {

    private static final ObjectMapper JSON = PlatformClient.JSON;

    private final PlatformClient client;
    private final String alias;

    private SearchBench(String url, String es, String alias) {
        this.client = new PlatformClient(url, es, null, null);
        this.alias = alias;
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        dev.macula.infra.config.DatabaseBootstrap.ensureDatabase(System.getenv());
        ConfigurableApplicationContext app = SpringApplication.run(MaculaApplication.class);
        int status = 0;
        try {
            String port = app.getEnvironment().getProperty("local.server.port");
            String es = app.getEnvironment().getProperty("macula.es-url");
            String prefix = app.getEnvironment().getProperty("macula.es-index-prefix");
            SearchBench bench = new SearchBench("http://127.0.0.1:" + port, es, prefix + "-instances");
            bench.run(app.getBean(SyntheticImages.class), app.getBean(org.springframework.jdbc.core.JdbcTemplate.class),
                    images);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            app.close();
        }
        System.exit(status);
    }

    private void run(SyntheticImages synthetic, org.springframework.jdbc.core.JdbcTemplate jdbc, int images)
            throws Exception {
        client.login(System.getenv("ADMIN_USERNAME"), System.getenv("ADMIN_PASSWORD"));
        String project = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(System.out, System.console() != null, "generating");
        SyntheticImages.Result world = synthetic.generate(SyntheticImages.Plan.realistic(project, images), 4,
                done -> bar.update(done, images, 0, false));
        bar.finish();
        double generateSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("generated %,d images with %,d commands in %.0f s (%.0f commands/s)%n", images,
                world.commands(), generateSeconds, world.commands() / generateSeconds);
        awaitCaughtUp(world.searchableImageIds().size(), project);
        // Measure the steady state: autovacuum would analyze the fresh tables within a minute or two;
        // right after a bulk load the planner's statistics are still those of empty tables.
        jdbc.execute("analyze");

        // MACULA_BENCH_SKIP=freshness,search,rebuild,attach leaves measures out (to iterate on one of them)
        List<String> skip = List.of(System.getenv().getOrDefault("MACULA_BENCH_SKIP", "").split(","));
        double[][] skipped = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
        double[][] search = skip.contains("search") ? skipped : searchLatencies(queries(project, world));
        double[] deep = skip.contains("search") ? new double[]{Double.NaN, Double.NaN} : deepPage(project);
        double[][] freshness = skip.contains("freshness") ? skipped : freshness(project, world);
        double[] rebuild = skip.contains("rebuild") ? new double[]{Double.NaN, Double.NaN, Double.NaN} : rebuild();
        double[] attach = skip.contains("attach") ? new double[]{Double.NaN, Double.NaN} : tagAttach(world, jdbc);

        Map<String, Map<String, Object>> summary = new LinkedHashMap<>();
        summary.put("tag_attach_commands", entry(attach[0], attach[1], "commands/s vs INSERT transactions/s", false));
        summary.put("search_p50", entry(search[0][0], search[1][0], "ms", true));
        summary.put("search_p99", entry(search[0][1], search[1][1], "ms", true));
        summary.put("freshness_p50", entry(freshness[0][0], freshness[1][0], "ms", true));
        summary.put("freshness_p99", entry(freshness[0][1], freshness[1][1], "ms", true));
        summary.put("rebuild_events", entry(rebuild[0], rebuild[2], "events/s vs docs/s", false));
        summary.put("rebuild_docs", entry(rebuild[1], rebuild[2], "docs/s", false));
        System.out.printf("%nsearch benchmark: %,d images (%,d searchable), project %s%n", images,
                world.searchableImageIds().size(), project);
        System.out.printf("  %-16s %12s %12s %8s  %s%n", "measure", "macula", "raw", "ratio", "unit");
        summary.forEach((name, e) -> System.out.printf("  %-16s %12.1f %12.1f %8.2f  %s%n", name, e.get("macula"),
                e.get("raw"), e.get("ratio"), e.get("unit")));
        System.out.printf("  deep page (offset 30,000, limit 200): p50 %.1f ms, p99 %.1f ms (macula only)%n",
                deep[0], deep[1]);
        System.out.println("  latencies: ratio = raw/macula; rates: ratio = macula/raw (higher is better)");
        for (String name : List.of("tag_attach_commands", "rebuild_events", "search_p50", "search_p99",
                "freshness_p50", "freshness_p99")) {
            Map<String, Object> e = summary.get(name);
            if (e != null && !Double.isNaN((Double) e.get("macula"))) {
                BenchSummary.record(name, (Double) e.get("macula"), (Double) e.get("raw"), (String) e.get("unit"),
                        name.contains("_p"));
            }
        }
        System.out.println("  added to " + BenchSummary.FILE.toAbsolutePath());
    }

    private static Map<String, Object> entry(double macula, double raw, String unit, boolean latency) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("macula", Math.round(macula * 10) / 10.0);
        e.put("raw", Math.round(raw * 10) / 10.0);
        e.put("ratio", BenchSummary.ratio(macula, raw, latency));
        e.put("unit", unit);
        return e;
    }

    // ------------------------------------------------------------------ search latency

    /** One search: the API body and the equivalent hand-written Elasticsearch request. */
    private record SearchCase(String name, Map<String, Object> body, String raw) {
    }

    private List<SearchCase> queries(String project, SyntheticImages.Result world) {
        String key = NameKey.of(project);
        String base = "{\"term\":{\"active\":true}},{\"exists\":{\"field\":\"modality\"}},{\"term\":{\"project_name\":\""
                + key + "\"}}";
        List<SearchCase> queries = new ArrayList<>();
        queries.add(new SearchCase("filters", Map.of("conditions", List.of(
                cond("Project Name", "==", project), cond("Modality", "IN", List.of("ColorFundus", "OCT")),
                cond("Laterality", "==", "R"), cond("Study Date", ">=", "2015-01-01")),
                "order_by", "Study Date", "order", "DESC", "limit", 200, "include_count", true),
                "{\"size\":201,\"_source\":false,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":[" + base
                        + ",{\"terms\":{\"modality\":[\"ColorFundus\",\"OCT\"]}},{\"term\":{\"laterality\":\"R\"}},"
                        + "{\"range\":{\"study_date\":{\"gte\":\"2015-01-01\"}}}]}},"
                        + "\"sort\":[{\"study_date\":{\"order\":\"desc\",\"missing\":\"_last\"}},{\"id\":\"asc\"}]}"));
        List<String> tags = world.imageTags().subList(0, 3);
        queries.add(new SearchCase("image tags", Map.of("conditions", List.of(cond("Project Name", "==", project),
                cond("Image Tag Name", "IN", tags)), "order_by", "Date Inserted", "limit", 200),
                "{\"size\":201,\"_source\":false,\"track_total_hits\":false,\"query\":{\"bool\":{\"filter\":[" + base
                        + ",{\"nested\":{\"path\":\"image_tags\",\"score_mode\":\"none\",\"query\":{\"bool\":{\"filter\":"
                        + "[{\"terms\":{\"image_tags.tag_name\":[" + String.join(",", tags.stream()
                        .map(t -> "\"" + NameKey.of(t) + "\"").toList()) + "]}}]}}}}]}},"
                        + "\"sort\":[{\"date_inserted\":{\"order\":\"asc\",\"missing\":\"_first\"}},{\"id\":\"asc\"}]}"));
        String feature = world.features().get(3);
        String grader = project + "-grader-1";
        queries.add(new SearchCase("segmentation", Map.of("conditions", List.of(cond("Project Name", "==", project),
                cond("Segmentation Feature Name", "==", feature), cond("Segmentation Creator Name", "==", grader)),
                "order_by", "Patient Birthdate", "limit", 200, "include_count", true),
                "{\"size\":201,\"_source\":false,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":[" + base
                        + ",{\"nested\":{\"path\":\"segmentations\",\"score_mode\":\"none\",\"query\":{\"bool\":{\"filter\":"
                        + "[{\"term\":{\"segmentations.feature_name\":\"" + NameKey.of(feature) + "\"}},"
                        + "{\"term\":{\"segmentations.creator_name\":\"" + NameKey.of(grader) + "\"}}]}}}}]}},"
                        + "\"sort\":[{\"patient_birthdate\":{\"order\":\"asc\",\"missing\":\"_first\"}},{\"id\":\"asc\"}]}"));
        return queries;
    }

    /** [macula p50, p99], [raw p50, p99] over the queries in rotation, 300 calls each side after warm-up. */
    private double[][] searchLatencies(List<SearchCase> queries) throws Exception {
        for (SearchCase query : queries) {
            JsonNode api = JSON.readTree(client.post("/api/instances/search", query.body()).body());
            JsonNode raw = JSON.readTree(client.es("POST", "/" + alias + "/_search", query.raw()).body());
            List<Long> rawIds = new ArrayList<>();
            raw.get("hits").get("hits").forEach(h -> rawIds.add(h.get("_id").asLong()));
            List<Long> apiIds = new ArrayList<>();
            api.get("result_ids").forEach(i -> apiIds.add(i.asLong()));
            if (!rawIds.subList(0, Math.min(200, rawIds.size())).equals(apiIds)) {
                throw new IllegalStateException("query " + query.name() + ": the API and the raw query disagree");
            }
            System.out.printf("  query %-13s %4d hits on the first page%n", query.name(), apiIds.size());
        }
        int[] next = {0};
        List<String> timings = new ArrayList<>();
        double[] macula = time(300, () -> {
            SearchCase q = queries.get(next[0]++ % queries.size());
            HttpResponse<String> response = client.post("/api/instances/search", q.body());
            check(response);
            response.headers().firstValue("Server-Timing").ifPresent(timings::add);
        });
        System.out.println("  where the time goes (Server-Timing): " + ServerTimings.percentiles(timings));
        double[] raw = time(300, () -> {
            SearchCase q = queries.get(next[0]++ % queries.size());
            check(client.es("POST", "/" + alias + "/_search", q.raw()));
        });
        return new double[][]{macula, raw};
    }

    private double[] deepPage(String project) throws Exception {
        Map<String, Object> body = Map.of("conditions", List.of(cond("Project Name", "==", project)),
                "order_by", "Study Date", "limit", 200, "page", 150);
        return time(30, () -> check(client.post("/api/instances/search", body)));
    }

    // ------------------------------------------------------------------ freshness

    /** [macula p50, p99], [raw p50, p99]: from an acknowledged write until a search finds it. */
    private double[][] freshness(String project, SyntheticImages.Result world) throws Exception {
        int samples = Integer.parseInt(System.getenv().getOrDefault("MACULA_BENCH_FRESHNESS_SAMPLES", "100"));
        Random random = new Random(11);
        double[] macula = new double[samples];
        for (int i = 0; i < samples; i++) {
            long image = world.searchableImageIds().get(random.nextInt(world.searchableImageIds().size()));
            String name = project + "-fresh-" + i;
            long tag = JSON.readTree(client.post("/api/tags", Map.of("name", name, "tag_type", "ImageInstance",
                    "description", "freshness")).body()).get("id").asLong();
            Thread.sleep(50);
            Map<String, Object> probe = Map.of("conditions", List.of(cond("Image Tag Name", "==", name)),
                    "order_by", "Date Inserted", "limit", 1);
            long t = System.nanoTime();
            check(client.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag)));
            while (JSON.readTree(client.post("/api/instances/search", probe).body()).get("result_ids").isEmpty()) {
                Thread.sleep(5);
            }
            macula[i] = (System.nanoTime() - t) / 1e6;
        }
        String scratch = alias + "-freshness-scratch";
        client.es("PUT", "/" + scratch, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,"
                + "\"refresh_interval\":\"1s\"},\"mappings\":{\"properties\":{\"tag\":{\"type\":\"keyword\"}}}}");
        double[] raw = new double[samples];
        for (int i = 0; i < samples; i++) {
            String value = "fresh-" + i;
            Thread.sleep(50);
            long t = System.nanoTime();
            check(client.es("POST", "/" + scratch + "/_doc/" + i, "{\"tag\":\"" + value + "\"}"));
            String probe = "{\"size\":1,\"query\":{\"term\":{\"tag\":\"" + value + "\"}}}";
            while (JSON.readTree(client.es("POST", "/" + scratch + "/_search", probe).body()).get("hits").get("hits").isEmpty()) {
                Thread.sleep(5);
            }
            raw[i] = (System.nanoTime() - t) / 1e6;
        }
        client.es("DELETE", "/" + scratch, null);
        return new double[][]{Latencies.percentiles(macula), Latencies.percentiles(raw)};
    }

    // ------------------------------------------------------------------ rebuild

    /** [rebuild events/s, rebuild docs/s, raw _bulk docs/s of the same documents]. */
    private double[] rebuild() throws Exception {
        long t = System.nanoTime();
        check(client.post("/api/admin/projections/instance-search/rebuild", Map.of()));
        JsonNode status;
        while (true) {
            Thread.sleep(500);
            status = JSON.readTree(client.get("/api/admin/projections/instance-search").body());
            JsonNode rebuild = status.get("rebuild");
            System.out.printf("%s  rebuild: %-10s %,d events done, %,d events/s, ETA %s s%s",
                    System.console() != null ? "\r" : "", rebuild.get("state").asText(),
                    rebuild.get("events_done").asLong(), rebuild.get("events_per_second").asLong(),
                    rebuild.get("eta_seconds").isNull() ? "--" : rebuild.get("eta_seconds").asText(),
                    System.console() != null ? "\u001b[K" : "\n");
            if (rebuild.get("state").asText().equals("completed")) {
                break;
            }
            if (rebuild.get("state").asText().equals("failed")) {
                throw new IllegalStateException("rebuild failed: " + rebuild);
            }
        }
        System.out.println();
        double seconds = (System.nanoTime() - t) / 1e9;
        long events = status.get("rebuild").get("events_done").asLong();
        String index = status.get("rebuild").get("target_index").asText();
        long documents = status.get("documents").get(index).asLong();

        // raw: the same documents, read back from the new index, bulk-indexed into a scratch index
        List<String> lines = new ArrayList<>();
        String after = null;
        while (true) {
            String body = "{\"size\":5000,\"sort\":[{\"id\":\"asc\"}]" + (after == null ? "" : ",\"search_after\":[" + after + "]")
                    + "}";
            JsonNode page = JSON.readTree(client.es("POST", "/" + index + "/_search", body).body()).get("hits").get("hits");
            if (page.isEmpty()) {
                break;
            }
            for (JsonNode hit : page) {
                lines.add("{\"index\":{\"_id\":\"" + hit.get("_id").asText() + "\"}}");
                lines.add(JSON.writeValueAsString(hit.get("_source")));
            }
            after = page.get(page.size() - 1).get("sort").get(0).asText();
        }
        String scratch = alias + "-bulk-scratch";
        JsonNode mapping = JSON.readTree(client.es("GET", "/" + index + "/_mapping", null).body()).get(index).get("mappings");
        ObjectNode create = JSON.createObjectNode();
        create.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        create.set("mappings", mapping);
        client.es("PUT", "/" + scratch, JSON.writeValueAsString(create));
        long b = System.nanoTime();
        for (int from = 0; from < lines.size(); from += 2 * 1000) {
            String bulk = String.join("\n", lines.subList(from, Math.min(lines.size(), from + 2 * 1000))) + "\n";
            HttpResponse<String> response = client.es("POST", "/" + scratch + "/_bulk", bulk);
            if (JSON.readTree(response.body()).get("errors").asBoolean()) {
                throw new IllegalStateException("raw bulk refused documents");
            }
        }
        client.es("POST", "/" + scratch + "/_refresh", null);
        double rawSeconds = (System.nanoTime() - b) / 1e9;
        client.es("DELETE", "/" + scratch, null);
        System.out.printf("  rebuild: %,d events, %,d documents in %.1f s (writer: %s); raw _bulk of the same"
                + " documents %.1f s%n", events, documents, seconds, status.get("rebuild").get("writer"), rawSeconds);
        return new double[]{events / seconds, documents / seconds, (lines.size() / 2.0) / rawSeconds};
    }

    /**
     * [HTTP tag attach/detach commands per second with 16 concurrent clients, raw single-row INSERT
     * transactions per second with 16 JDBC connections on the same server, rows like a tag link].
     */
    private double[] tagAttach(SyntheticImages.Result world, org.springframework.jdbc.core.JdbcTemplate jdbc)
            throws Exception {
        int clients = 16;
        long seconds = Long.parseLong(System.getenv().getOrDefault("MACULA_BENCH_SECONDS", "20"));
        List<Long> tags = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tags.add(JSON.readTree(client.post("/api/tags", Map.of("name", "attach-bench-" + i + "-" + System.nanoTime(),
                    "tag_type", "ImageInstance", "description", "bench")).body()).get("id").asLong());
        }
        java.util.concurrent.atomic.LongAdder commands = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                long tag = tags.get(c);
                Random random = new Random(c);
                pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long image = world.imageIds().get(random.nextInt(world.imageIds().size()));
                        HttpResponse<String> attached = client.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag));
                        HttpResponse<String> detached = client.delete("/api/instances/" + image + "/tags/" + tag);
                        if (attached.statusCode() == 200 && detached.statusCode() == 204) {
                            commands.add(2);
                        } else {
                            failures.increment();
                        }
                    }
                    return null;
                });
            }
        }
        double maculaRate = commands.sum() / ((System.nanoTime() - start) / 1e9);
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " attach/detach pairs failed");
        }
        jdbc.execute("create table if not exists bench_raw_insert (id bigserial primary key, tag_id bigint, "
                + "object_type varchar(20), object_id bigint, tagger_id bigint, comment varchar(256), "
                + "date_inserted timestamp)");
        String dbUrl = System.getenv().getOrDefault("MACULA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/macula");
        java.util.concurrent.atomic.LongAdder inserts = new java.util.concurrent.atomic.LongAdder();
        long rawDeadline = System.nanoTime() + seconds * 1_000_000_000L;
        long rawStart = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(dbUrl,
                            System.getenv().getOrDefault("MACULA_DB_USER", "postgres"),
                            System.getenv().getOrDefault("MACULA_DB_PASSWORD", ""));
                         java.sql.PreparedStatement insert = connection.prepareStatement("insert into bench_raw_insert "
                                 + "(tag_id, object_type, object_id, tagger_id, comment, date_inserted) "
                                 + "values (?, 'ImageInstance', ?, 1, null, now())")) {
                        connection.setAutoCommit(true);
                        long n = 0;
                        while (System.nanoTime() < rawDeadline) {
                            insert.setLong(1, client);
                            insert.setLong(2, n++);
                            insert.executeUpdate();
                            inserts.increment();
                        }
                    }
                    return null;
                });
            }
        }
        double rawRate = inserts.sum() / ((System.nanoTime() - rawStart) / 1e9);
        jdbc.execute("drop table bench_raw_insert");
        System.out.printf("  tag attach/detach: %,d commands in %d s with %d clients; raw INSERT transactions %,d%n",
                commands.sum(), seconds, clients, inserts.sum());
        return new double[]{maculaRate, rawRate};
    }

    private void awaitCaughtUp(int searchable, String project) throws Exception {
        Map<String, Object> body = Map.of("conditions", List.of(cond("Project Name", "==", project)),
                "order_by", "Date Inserted", "limit", 1, "include_count", true);
        long t = System.nanoTime();
        while (true) {
            JsonNode result = JSON.readTree(client.post("/api/instances/search", body).body());
            if (result.has("count") && result.get("count").asInt() == searchable) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("index caught up %.1f s after generation ended%n", (System.nanoTime() - t) / 1e9);
    }

    // ------------------------------------------------------------------ plumbing

    private static Map<String, Object> cond(String variable, String operator, Object value) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "default");
        condition.put("variable", variable);
        condition.put("operator", operator);
        condition.put("value", value);
        return condition;
    }

    private static double[] time(int n, Latencies.Call call) throws Exception {
        return Latencies.time(30, n, call);
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.uri() + ": " + response.statusCode() + " " + response.body());
        }
    }
}
