package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-object history entries carry their event-store position and request id, and
 * {@code GET /api/history} is the activity feed over all objects: filters, paging by position,
 * who may read whose activity, and its 422s.
 */
class ActivityFeedHttpTest extends HttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user who created a tag (with a chosen X-Request-ID), renamed it and created a second one. */
    private record Actor(Api client, long id, long tag, long otherTag, String createRequestId,
                         String renameRequestId) {
    }

    private Actor actor(String prefix) throws Exception {
        Api client = newUser(prefix);
        long id = client.get("/api/auth/me").json().get("id").asLong();
        String requestId = "feed-" + RUN + "-" + id;
        Api.Response created = client.sendBytes("POST", "/api/tags", JSON.writeValueAsString(Map.of(
                        "name", unique("feed"), "tag_type", "Study", "description", "d"))
                .getBytes(StandardCharsets.UTF_8), "application/json", Map.of("X-Request-ID", requestId));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.header("X-Request-ID")).isEqualTo(requestId);
        long tag = created.json().get("id").asLong();
        Api.Response renamed = client.patch("/api/tags/" + tag, Map.of("name", unique("feed-renamed")));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        long otherTag = client.post("/api/tags", Map.of("name", unique("feed-other"), "tag_type", "Study", "description", "d"))
                .json().get("id").asLong();
        return new Actor(client, id, tag, otherTag, requestId, renamed.header("X-Request-ID"));
    }

    @Test
    void historyEntriesCarryTheirPositionAndTheRequestThatCausedThem() throws Exception {
        Actor actor = actor("positions");
        JsonNode history = admin().get("/api/history/tag/" + actor.tag()).json();

        assertThat(history).hasSize(2);
        assertThat(fieldNames(history.get(0)))
                .containsExactly("sequence", "type", "at", "actor", "payload", "position", "request_id");
        assertThat(history.get(1).get("position").asLong()).isGreaterThan(history.get(0).get("position").asLong());
        assertThat(history.get(0).get("request_id").asText()).isEqualTo(actor.createRequestId());
        assertThat(history.get(1).get("request_id").asText()).as("the generated id the response carried")
                .isEqualTo(actor.renameRequestId()).isNotBlank();
        long other = admin().get("/api/history/tag/" + actor.otherTag()).json().get(0).get("position").asLong();
        assertThat(other).as("the platform's clock runs across objects")
                .isGreaterThan(history.get(1).get("position").asLong());
    }

    @Test
    void aUsersFeedHasTheirEventsInPositionOrderShapedLikeTheObjectHistories() throws Exception {
        Actor actor = actor("feeder");
        Api.Response response = actor.client().get("/api/history?actor_id=" + actor.id());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode feed = response.json();

        assertThat(fieldNames(feed)).containsExactly("events", "next");
        assertThat(feed.get("next").isNull()).isTrue();
        JsonNode events = feed.get("events");
        assertThat(events).hasSize(3);
        events.forEach(event -> assertThat(event.get("actor").get("id").asLong()).isEqualTo(actor.id()));
        assertThat(positions(events)).isSorted().doesNotHaveDuplicates();
        assertThat(fieldNames(events.get(0))).containsExactly("sequence", "type", "at", "actor", "payload", "position",
                "request_id", "entity_type", "entity_id");
        assertThat(events.get(0).get("entity_type").asText()).isEqualTo("tag");
        assertThat(events.get(0).get("entity_id").asLong()).isEqualTo(actor.tag());
        assertThat(events.get(2).get("entity_id").asLong()).isEqualTo(actor.otherTag());

        JsonNode history = admin().get("/api/history/tag/" + actor.tag()).json();
        for (int i = 0; i < 2; i++) {
            ObjectNode entry = events.get(i).deepCopy();
            entry.remove(List.of("entity_type", "entity_id"));
            assertThat(entry).as("the same entry as the object's history").isEqualTo(history.get(i));
        }
        assertThat(admin().get("/api/history?actor_id=" + actor.id()).json())
                .as("an admin reads the same feed").isEqualTo(feed);
    }

    @Test
    void theFeedFiltersByTimeAndEntityType() throws Exception {
        Actor actor = actor("filtered");
        String mine = "/api/history?actor_id=" + actor.id();
        JsonNode events = actor.client().get(mine).json().get("events");
        String second = events.get(1).get("at").asText();
        LocalDateTime secondAt = LocalDateTime.parse(second);

        assertThat(positions(actor.client().get(mine + "&since=" + second).json().get("events")))
                .as("since is inclusive (no zone = UTC)")
                .containsExactly(position(events, 1), position(events, 2));
        assertThat(positions(actor.client().get(mine + "&until=" + second + "Z").json().get("events")))
                .as("until is exclusive").containsExactly(position(events, 0));
        String inParis = secondAt.atOffset(ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofHours(2)).toString();
        assertThat(positions(actor.client().get(mine + "&since=" + inParis.replace("+", "%2B")).json().get("events")))
                .as("an offset names the same instant").containsExactly(position(events, 1), position(events, 2));
        assertThat(positions(actor.client().get(mine + "&since=" + second + "&until=" + second).json().get("events")))
                .isEmpty();
        assertThat(positions(actor.client().get(mine + "&since=2000-01-01&until=2999-12-31T00:00:00Z").json()
                .get("events"))).hasSize(3);

        for (String type : List.of("tag", "Tag", "TAG")) {
            assertThat(actor.client().get(mine + "&entity_type=" + type).json().get("events")).hasSize(3);
        }
        for (String type : List.of("task", "form_annotation", "sub_task", "model_segmentation", "device")) {
            Api.Response none = actor.client().get(mine + "&entity_type=" + type);
            assertThat(none.status()).as(type + ": " + none).isEqualTo(200);
            assertThat(none.json().get("events")).isEmpty();
        }
        JsonNode users = admin().get("/api/history?entity_type=user&limit=1000").json().get("events");
        assertThat(users).isNotEmpty()
                .allSatisfy(event -> assertThat(event.get("entity_type").asText()).isEqualTo("user"));
    }

    @Test
    void pagingByPositionCoversEverythingExactlyOnce() throws Exception {
        Actor actor = actor("pager");
        String mine = "/api/history?actor_id=" + actor.id();
        List<Long> all = positions(actor.client().get(mine + "&limit=1000").json().get("events"));

        List<Long> paged = new ArrayList<>();
        JsonNode page = actor.client().get(mine + "&limit=2").json();
        paged.addAll(positions(page.get("events")));
        assertThat(page.get("next").asLong()).isEqualTo(paged.get(1));
        while (!page.get("next").isNull()) {
            page = actor.client().get(mine + "&limit=2&after=" + page.get("next").asLong()).json();
            paged.addAll(positions(page.get("events")));
        }
        assertThat(paged).isEqualTo(all).hasSize(3);
        assertThat(actor.client().get(mine + "&after=" + all.get(2)).json().get("events")).isEmpty();

        JsonNode everyone = admin().get("/api/history?limit=5").json();
        assertThat(everyone.get("events")).hasSize(5);
        assertThat(everyone.get("next").asLong()).isEqualTo(position(everyone.get("events"), 4));
        assertThat(positions(admin().get("/api/history?limit=3&after=" + position(everyone.get("events"), 1)).json()
                .get("events"))).containsExactly(position(everyone.get("events"), 2),
                position(everyone.get("events"), 3), position(everyone.get("events"), 4));
    }

    @Test
    void othersActivityIsForAdminsOnly() throws Exception {
        Actor actor = actor("private");
        Api nosy = newUser("nosy");

        assertThat(nosy.get("/api/history").status()).isEqualTo(403);
        assertThat(nosy.get("/api/history?actor_id=" + actor.id()).status()).isEqualTo(403);
        assertThat(nosy.get("/api/history?entity_type=tag").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/history?actor_id=" + actor.id()).status()).isEqualTo(401);
        assertThat(admin().get("/api/history").status()).isEqualTo(200);
    }

    @Test
    void badParametersAre422sNamingTheParameter() {
        Api admin = admin();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("limit=0", "limit"), Map.entry("limit=1001", "limit"), Map.entry("limit=many", "limit"),
                Map.entry("after=-1", "after"), Map.entry("after=x", "after"), Map.entry("actor_id=me", "actor_id"),
                Map.entry("since=yesterday", "since"), Map.entry("until=2024-13-01", "until"),
                Map.entry("since=", "since"), Map.entry("entity_type=planet", "entity_type"),
                Map.entry("since=%2B10000-01-01", "since"), Map.entry("until=%2B10000-01-01T00:00:00Z", "until"));
        bad.forEach((query, name) -> {
            Api.Response response = admin.get("/api/history?" + query);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(422);
            JsonNode error = response.json().get("detail").get(0);
            assertThat(error.get("loc").toString()).as(query).isEqualTo("[\"query\",\"" + name + "\"]");
            assertThat(error.get("msg").asText()).as(query).isNotBlank();
        });
        assertThat(admin.get("/api/history?limit=1000&since=2024-01-01T00:00:00%2B01:00").status()).isEqualTo(200);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> positions(JsonNode events) {
        List<Long> positions = new ArrayList<>();
        events.forEach(event -> positions.add(event.get("position").asLong()));
        return positions;
    }

    private static long position(JsonNode events, int index) {
        return events.get(index).get("position").asLong();
    }
}
