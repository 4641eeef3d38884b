package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.synthetic.SyntheticImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search index knows which event store it came from. The database under a node is recreated, or
 * restored from an older copy, while Elasticsearch keeps the indexes: the node must report the
 * indexes {@code divergent}, rebuild them by itself, and then search only the database it has.
 * <p>
 * Each scenario runs its own nodes — separate application contexts started here (own database,
 * own index prefix, random port) — not the shared test context: a node has to be stopped, its
 * database replaced and the node started again. Nothing of the shared context is touched, so no
 * {@code @DirtiesContext}; two contexts live side by side in this JVM without trouble (no static
 * state of the application is shared between them).
 */
class IndexLineageHttpTest {

    private static final String RUN = HttpTestBase.RUN;
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> SEARCH = List.of("instance-search", "study-search", "tag-search");
    private static final List<String> DATABASES = new ArrayList<>();
    private static final List<String> PREFIXES = new ArrayList<>();

    @Test
    void recreatedDatabaseMakesTheIndexesDivergentAndTheyAreRebuilt() throws Exception {
        String db = database("recreated");
        String prefix = prefix("a");
        String oldStore;
        try (Node node = Node.start(db, prefix)) {
            node.images("Old-" + RUN, 40);
            node.tags("old", 4);
            node.awaitIndexesMatchReadModels();
            oldStore = node.status("instance-search").path("lineage").path("event_store_id").asText();
            assertThat(oldStore).isEqualTo(node.storeId());
        }
        sql("drop database " + db + " with (force)");
        sql("create database " + db);

        try (Node node = Node.start(db, prefix)) {
            String newStore = node.storeId();
            assertThat(newStore).isNotEqualTo(oldStore);
            SyntheticImages.Result fresh = node.images("New-" + RUN, 10);
            node.tags("new", 2);
            for (String name : SEARCH) {
                JsonNode rebuild = node.awaitDivergentRebuild(name);
                assertThat(rebuild.get("cause").asText()).as(name)
                        .startsWith("divergent: the index was filled from event store " + oldStore);
            }
            node.awaitIndexesMatchReadModels();
            assertThat(node.searchCount("New-" + RUN)).isEqualTo(fresh.searchableImageIds().size());
            assertThat(node.searchCount("Old-" + RUN)).isZero();
            for (String name : SEARCH) {
                JsonNode status = node.status(name);
                assertThat(status.get("status").asText()).as(status.toString()).isNotEqualTo("divergent");
                assertThat(status.path("lineage").path("event_store_id").asText()).isEqualTo(newStore);
            }
        }
    }

    @Test
    void olderCopyOfTheDatabaseIsBehindTheIndexAndTheIndexesAreRebuilt() throws Exception {
        String a = database("original");
        String b = name("copy");
        String prefix = prefix("b");
        SyntheticImages.Result first;
        try (Node node = Node.start(a, prefix)) {
            first = node.images("First-" + RUN, 20);
            node.tags("first", 3);
            node.awaitIndexesMatchReadModels();
        }
        sql("create database " + b + " template " + a); // the backup: A as it is now
        long copyHead = head(b);

        try (Node node = Node.start(a, prefix)) {
            node.images("Second-" + RUN, 15);
            node.awaitIndexesMatchReadModels();
            // the index has recorded that it has seen beyond what the copy has (the stamper runs every 2 s)
            node.await("instance-search", s -> s.path("lineage").path("position").asLong() > copyHead);
        }

        try (Node node = Node.start(b, prefix)) {
            for (String name : List.of("instance-search", "study-search")) {
                JsonNode rebuild = node.awaitDivergentRebuild(name);
                assertThat(rebuild.get("cause").asText()).as(name).contains("but the event store's head is " + copyHead);
            }
            node.awaitIndexesMatchReadModels();
            assertThat(node.searchCount("First-" + RUN)).isEqualTo(first.searchableImageIds().size());
            assertThat(node.searchCount("Second-" + RUN)).isZero();
        }
    }

    /**
     * An older copy that has since moved on beyond what the index has seen: its head is no longer
     * behind, but its sequence handed the same positions out again, to other events.
     */
    @Test
    void olderCopyThatHasMovedOnIsRecognisedByTheEventAtThePosition() throws Exception {
        String a = database("moved_original");
        String b = name("moved_copy");
        String prefix = prefix("c");
        try (Node node = Node.start(a, prefix)) {
            node.images("Base-" + RUN, 5);
            node.awaitIndexesMatchReadModels();
        }
        sql("create database " + b + " template " + a);
        long recorded;
        try (Node node = Node.start(a, prefix)) {
            node.images("Lost-" + RUN, 10);
            node.awaitIndexesMatchReadModels();
            long head = head(a);
            recorded = node.await("instance-search", s -> s.path("lineage").path("position").asLong() == head)
                    .path("lineage").path("position").asLong();
        }
        SyntheticImages.Result later;
        try (Node node = Node.start(b, prefix("c-elsewhere"))) { // the copy in use elsewhere, on other indexes
            later = node.images("Later-" + RUN, 30);
        }
        assertThat(head(b)).as("the copy has moved beyond the index's position").isGreaterThan(recorded);

        try (Node node = Node.start(b, prefix)) {
            JsonNode rebuild = node.awaitDivergentRebuild("instance-search");
            assertThat(rebuild.get("cause").asText())
                    .contains("the event at position " + recorded + " is not the one the index has seen");
            node.awaitIndexesMatchReadModels();
            assertThat(node.searchCount("Later-" + RUN)).isEqualTo(later.searchableImageIds().size());
            assertThat(node.searchCount("Lost-" + RUN)).isZero();
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String db : DATABASES) {
            try {
                sql("drop database if exists " + db + " with (force)");
            } catch (SQLException e) {
                System.err.println("could not drop " + db + ": " + e.getMessage());
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String prefix : PREFIXES) {
            // by name: Elasticsearch refuses wildcard deletions (action.destructive_requires_name)
            String names = http.send(HttpRequest.newBuilder(URI.create(HttpTestBase.ES_URL + "/_cat/indices/" + prefix
                    + "-*?h=index")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String index : names.split("\\s+")) {
                if (index.startsWith(prefix)) {
                    http.send(HttpRequest.newBuilder(URI.create(HttpTestBase.ES_URL + "/" + index)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        }
    }

    private static String database(String name) throws SQLException {
        String db = name(name);
        sql("create database " + db);
        return db;
    }

    /** A database name of this run (dropped at the end). */
    private static String name(String name) {
        String db = "macula_it_lineage_" + name + "_" + RUN + "_" + ProcessHandle.current().pid();
        DATABASES.add(db);
        return db;
    }

    private static String prefix(String name) {
        String prefix = "it-lineage-" + RUN + "-" + name;
        PREFIXES.add(prefix);
        return prefix;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.SERVER + "postgres", TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static long head(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.SERVER + db, TestDatabase.USER, TestDatabase.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(globalindex) from domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One Macula node in this JVM, on its own database and index prefix. */
    private record Node(ConfigurableApplicationContext context, Api admin, String database) implements AutoCloseable {

        static Node start(String database, String prefix) throws Exception {
            Path dir = Files.createTempDirectory("macula-lineage").toRealPath();
            TestNode node = TestNode.start(TestDatabase.SERVER + database, prefix, new TestNode.Files(
                    Files.createDirectories(dir.resolve("images")), Files.createDirectories(dir.resolve("thumbnails")),
                    dir.resolve("zarr/segmentations.zarr"), Files.createDirectories(dir.resolve("data"))));
            return new Node(node.context(), node.admin(), database);
        }

        SyntheticImages.Result images(String project, int count) throws Exception {
            return context.getBean(SyntheticImages.class).generate(SyntheticImages.Plan.plain(project, count), 2, null);
        }

        void tags(String prefix, int count) {
            for (int i = 0; i < count; i++) {
                Api.Response created = admin.post("/api/tags", Map.of("name", prefix + "-" + RUN + "-" + i,
                        "tag_type", "Study", "description", "lineage"));
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
            }
        }

        String storeId() throws SQLException {
            return queryString("select id::text from event_store_identity");
        }

        JsonNode status(String name) {
            Api.Response response = admin.get("/api/admin/projections/" + name);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            return response.json();
        }

        JsonNode await(String name, Predicate<JsonNode> until) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            JsonNode status;
            do {
                status = status(name);
                if (until.test(status)) {
                    return status;
                }
                Thread.sleep(250);
            } while (Instant.now().isBefore(deadline));
            throw new AssertionError(name + " never got there: " + status);
        }

        /** Waits for the rebuild the node starts by itself; returns its finished progress. */
        JsonNode awaitDivergentRebuild(String name) throws InterruptedException {
            JsonNode status = await(name, s -> s.path("rebuild").path("cause").asText().startsWith("divergent")
                    && s.path("rebuild").path("finished_at").isTextual());
            JsonNode rebuild = status.get("rebuild");
            assertThat(rebuild.get("state").asText()).as(status.toString()).isEqualTo("completed");
            return rebuild;
        }

        /** Every search index has one version, as many documents as the read model has rows, and is live. */
        void awaitIndexesMatchReadModels() throws Exception {
            Map<String, String> tables = new LinkedHashMap<>();
            tables.put("instance-search", "image_instance");
            tables.put("study-search", "study");
            tables.put("tag-search", "tag");
            for (Map.Entry<String, String> e : tables.entrySet()) {
                long rows = Long.parseLong(queryString("select count(*) from " + e.getValue()));
                JsonNode status = await(e.getKey(), s -> s.path("status").asText().equals("live")
                        && s.path("documents").size() == 1
                        && s.path("documents").elements().next().asLong() == rows);
                assertThat(status.path("reason").isMissingNode()).as(status.toString()).isTrue();
            }
        }

        long searchCount(String project) {
            Api.Response response = admin.post("/api/instances/search", Map.of("conditions",
                    List.of(SearchHttpTest.cond("Project Name", "==", project)), "order_by", "Patient Birthdate", "order", "DESC",
                    "limit", 1000, "include_count", true));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            return response.json().get("count").asLong();
        }

        private String queryString(String query) throws SQLException {
            try (Connection c = DriverManager.getConnection(TestDatabase.SERVER + database, TestDatabase.USER,
                    TestDatabase.PASSWORD); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
