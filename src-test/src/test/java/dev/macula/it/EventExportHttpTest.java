package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/events}: the event export as NDJSON — lines shaped and valued like the activity
 * feed, in position order, paged exactly by {@code after}/{@code limit} (also while events are being
 * written), filtered by type and entity type, secrets redacted, for admins only, and its 422s.
 */
class EventExportHttpTest extends HttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "/api/admin/events";

    /** The position every event written from now on will be after. */
    private long horizon() {
        Api.Response response = admin().get(EVENTS + "?after=" + Long.MAX_VALUE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        return Long.parseLong(response.header("Macula-Export-Horizon"));
    }

    private static List<JsonNode> lines(Api.Response response) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        if (!response.body().isEmpty()) {
            assertThat(response.body()).as("every line ends with a newline").endsWith("\n");
            for (String line : response.body().split("\n", -1)) {
                if (!line.isEmpty()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private List<JsonNode> export(String query) throws Exception {
        return lines(admin().get(EVENTS + query));
    }

    private static List<Long> positions(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("position").asLong()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long tag(Api client, String prefix) {
        Api.Response created = client.post("/api/tags", Map.of("name", unique(prefix), "tag_type", "Study",
                "description", "d"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    @Test
    void linesAreTheActivityFeedsEntriesInPositionOrder() throws Exception {
        Api user = newUser("exporter");
        long userId = user.get("/api/auth/me").json().get("id").asLong();
        long start = horizon();
        long first = tag(user, "export");
        assertThat(user.patch("/api/tags/" + first, Map.of("name", unique("export-renamed"))).status()).isEqualTo(200);
        long second = tag(user, "export");

        List<JsonNode> lines = export("?after=" + start);
        assertThat(positions(lines)).isSorted().doesNotHaveDuplicates()
                .allSatisfy(position -> assertThat(position).isGreaterThan(start));
        assertThat(fieldNames(lines.get(0))).containsExactly("position", "type", "entity_type", "entity_id",
                "sequence", "at", "actor", "request_id", "payload");
        List<JsonNode> mine = lines.stream().filter(line -> line.get("actor").get("id").asLong() == userId).toList();
        assertThat(mine).extracting(line -> line.get("type").asText())
                .containsExactly("TagCreated", "TagRenamed", "TagCreated");
        assertThat(mine).extracting(line -> line.get("entity_id").asLong()).containsExactly(first, first, second);
        assertThat(mine.get(0).get("entity_type").asText()).isEqualTo("tag");
        assertThat(mine.get(1).get("sequence").asLong()).isEqualTo(1);

        JsonNode feed = user.get("/api/history?actor_id=" + userId + "&after=" + start).json().get("events");
        assertThat(feed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(mine.get(i)).as("the activity feed's entry, field for field").isEqualTo(feed.get(i));
        }
    }

    @Test
    void pagingWithAfterAndLimitCoversEverythingExactlyOnce() throws Exception {
        Api user = newUser("pager");
        long start = horizon();
        for (int i = 0; i < 7; i++) {
            tag(user, "page");
        }
        Api.Response whole = admin().get(EVENTS + "?after=" + start);
        List<Long> all = positions(lines(whole));
        long end = Long.parseLong(whole.header("Macula-Export-Horizon"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(7);

        List<Long> paged = pages(start, 3, end);
        assertThat(paged).isEqualTo(all);
        assertThat(positions(export("?after=" + start + "&limit=2"))).isEqualTo(all.subList(0, 2));
    }

    /** Pages of {@code limit} from {@code after} until a short page, keeping positions up to {@code end}. */
    private List<Long> pages(long after, int limit, long end) throws Exception {
        List<Long> paged = new ArrayList<>();
        while (true) {
            List<Long> page = positions(export("?after=" + after + "&limit=" + limit));
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            page.stream().filter(position -> position <= end).forEach(paged::add);
            if (page.size() < limit) {
                return paged;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Test
    void pagesReadWhileEventsAreWrittenMissAndRepeatNothing() throws Exception {
        Api user = newUser("busy");
        long start = horizon();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                running.add(writers.submit(() -> {
                    while (writing.get()) {
                        tag(user, "busy");
                    }
                    return null;
                }));
            }
            long after = start;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline) {
                List<Long> page = positions(export("?after=" + after + "&limit=5"));
                seen.addAll(page);
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1);
                }
            }
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
            seen.addAll(pages(after, 50, Long.MAX_VALUE));
        }
        List<Long> all = positions(export("?after=" + start));
        assertThat(all).hasSizeGreaterThan(20);
        assertThat(seen).as("the pages read at the moving head, one after the other").isEqualTo(all);
    }

    @Test
    void typesAndEntityTypeFilter() throws Exception {
        Api user = newUser("filters");
        long start = horizon();
        long tag = tag(user, "filter");
        assertThat(user.patch("/api/tags/" + tag, Map.of("name", unique("filter-renamed"))).status()).isEqualTo(200);
        Api other = newUser("filters-other");

        List<JsonNode> created = export("?after=" + start + "&types=TagCreated");
        assertThat(created).isNotEmpty().allSatisfy(line -> assertThat(line.get("type").asText()).isEqualTo("TagCreated"));
        assertThat(created).extracting(line -> line.get("entity_id").asLong()).contains(tag);

        List<JsonNode> two = export("?after=" + start + "&types=TagCreated,%20TagRenamed");
        assertThat(two).extracting(line -> line.get("type").asText()).contains("TagCreated", "TagRenamed")
                .allSatisfy(type -> assertThat(type).isIn("TagCreated", "TagRenamed"));

        for (String spelling : List.of("tag", "Tag")) {
            List<JsonNode> tags = export("?after=" + start + "&entity_type=" + spelling);
            assertThat(tags).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(line -> assertThat(line.get("entity_type").asText()).isEqualTo("tag"));
        }
        List<JsonNode> users = export("?after=" + start + "&entity_type=user&types=UserRegistered");
        assertThat(users).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("entity_type").asText()).isEqualTo("user");
            assertThat(line.get("type").asText()).isEqualTo("UserRegistered");
        });
        assertThat(export("?after=" + start + "&entity_type=task&types=TagCreated")).isEmpty();
        assertThat(other.get("/api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void passwordHashesAreRedacted() throws Exception {
        long start = horizon();
        newUser("secretive");
        List<JsonNode> registered = export("?after=" + start + "&types=UserRegistered");
        assertThat(registered).isNotEmpty().allSatisfy(line -> {
            JsonNode payload = line.get("payload");
            assertThat(payload.get("password_hash").asText()).isEqualTo("[redacted]");
            assertThat(payload.get("username").asText()).isNotBlank();
        });
        Iterator<JsonNode> any = export("?after=" + start).iterator();
        while (any.hasNext()) {
            assertThat(any.next().toString()).doesNotContain("$argon2");
        }
    }

    @Test
    void onlyAdminsExport() {
        Api.Response user = newUser("not-admin").get(EVENTS);
        assertThat(user.status()).as(user.toString()).isEqualTo(403);
        Api.Response anonymous = anonymous().get(EVENTS);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    }

    @Test
    void badParametersAre422WithTheirLocation() {
        Map<String, String> bad = Map.of(
                "after=-1", "after",
                "after=soon", "after",
                "limit=0", "limit",
                "limit=many", "limit",
                "types=NoSuchThing", "types",
                "types=TagCreated,Nope", "types",
                "types=", "types",
                "entity_type=spaceship", "entity_type");
        bad.forEach((query, field) -> {
            Api.Response response = admin().get(EVENTS + "?" + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc")).as(query)
                    .isEqualTo(JSON.createArrayNode().add("query").add(field));
        });
        assertThat(admin().get(EVENTS + "?types=Nope").json().get("detail").get(0).get("msg").asText())
                .contains("Nope").contains("TagCreated");
    }
}
