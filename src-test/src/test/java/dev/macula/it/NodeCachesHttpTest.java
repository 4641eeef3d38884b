package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node keeps in memory is never older than what another node has changed. This context is node
 * A; node B is a second node on the same database, index prefix and files, as a cluster runs.
 * <ul>
 *   <li>Aggregates (StoreCheckedAggregateCache): B changes an aggregate A holds, and A's next command
 *       must see B's change.</li>
 *   <li>The users of access tokens (AuthenticatedUsers): a role changed on A counts on A's very next
 *       request; a role changed on B reaches A through PostgreSQL's notifications.</li>
 * </ul>
 */
class NodeCachesHttpTest extends HttpTestBase {

    private static TestNode nodeB;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startSecondNode() {
        nodeB = TestNode.start(TestDatabase.url(), "it-" + RUN,
                new TestNode.Files(IMAGES_ROOT, THUMBNAILS_ROOT, ZARR_ROOT, DATA_DIR));
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void tagLinksChangedOnAnotherNodeAreSeenByTheNextCommandHere() throws Exception {
        Api a = admin();
        Api b = nodeB.admin();
        long image = a.post("/api/import/image", ImagingHttpTest.request(unique("cache"), "C", "2024-02-02",
                ImagingHttpTest.png("cache", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();
        // thumbnails are recorded asynchronously, by either node: let that write land first
        AsOfAfterRebuildHttpTest.awaitThumbnails(a, List.of("/api/instances/" + image));
        long tag = a.post("/api/tags", Map.of("name", unique("Cached"), "tag_type", "ImageInstance",
                "description", "two nodes")).json().get("id").asLong();
        long other = a.post("/api/tags", Map.of("name", unique("Other"), "tag_type", "ImageInstance",
                "description", "two nodes")).json().get("id").asLong();

        double hits = loads("hit");
        assertThat(a.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag)).status()).isEqualTo(200);
        assertThat(a.post("/api/instances/" + image + "/tags", Map.of("tag_id", other)).status()).isEqualTo(200);
        assertThat(loads("hit")).as("A's second attach found the image in A's cache").isGreaterThan(hits);

        // B detaches while A holds the image with both links in its cache
        assertThat(b.delete("/api/instances/" + image + "/tags/" + tag).status()).isEqualTo(204);

        double stale = loads("stale");
        assertThat(a.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag)).status()).isEqualTo(200);
        assertThat(loads("stale")).as("A noticed that B had moved the image on").isGreaterThan(stale);
        assertThat(linked(a, image)).containsExactlyInAnyOrder(tag, other);
        assertThat(linked(b, image)).containsExactlyInAnyOrder(tag, other);
        List<String> history = a.get("/api/history/instance/" + image).json().findValuesAsText("type");
        assertThat(history).filteredOn(type -> type.startsWith("Tag"))
                .containsExactly("TagAttached", "TagAttached", "TagDetached", "TagAttached");
    }

    @Test
    void aSegmentationSavedOnAnotherNodeMovesTheVersionHereToo() throws Exception {
        Api a = admin();
        Api b = nodeB.admin();
        long image = SegmentationsHttpTest.image(a, 1, 10, 10);
        long id = SegmentationsHttpTest.create(a, SegmentationsHttpTest.metadata(image, SegmentationsHttpTest.feature(a),
                1, 10, 10), null).json().get("id").asLong();
        int[] shape = {1, 10, 10};
        assertThat(save(a, id, shape, 1, "1").status()).isEqualTo(200); // version 2, cached on A

        assertThat(save(b, id, shape, 2, "2").status()).isEqualTo(200); // version 3, by B

        // A's cache still says version 2: trusting it would refuse the version B saved
        Api.Response current = save(a, id, shape, 3, "3");
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        Api.Response outdated = save(a, id, shape, 4, "2");
        assertThat(outdated.status()).as(outdated.toString()).isEqualTo(409);
        JsonNode segmentation = a.get("/api/segmentations/" + id).json();
        assertThat(segmentation.get("data_version").asInt()).isEqualTo(4);
        assertThat(b.get("/api/segmentations/" + id + "/versions").json().findValues("version").stream()
                .map(JsonNode::asInt).toList()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aChangedRoleCountsAtOnceHereAndOnTheOtherNodeAsSoonAsItHearsOfIt() throws Exception {
        Api admin = admin();
        String name = unique("promoted");
        long id = register(name, "pw-" + name);
        String token = token(name, "pw-" + name);
        Api onA = new Api(port).bearer(token);
        Api onB = new Api(nodeB.context().getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                .bearer(token);

        assertThat(onA.get("/api/users").status()).isEqualTo(403);
        double memory = lookups("memory");
        assertThat(onA.get("/api/users").status()).isEqualTo(403);
        assertThat(lookups("memory")).as("A answered the second request from memory").isGreaterThan(memory);
        assertThat(onB.get("/api/users").status()).isEqualTo(403);

        // promoted on A: A's next request already sees it (forgotten before the answer left)
        assertThat(admin.patch("/api/users/" + id, Map.of("role", 1)).status()).isEqualTo(200);
        assertThat(onA.get("/api/users").status()).isEqualTo(200);
        assertThat(awaitStatus(onB, 200)).as("B heard of the promotion").isEqualTo(200);

        // demoted on B: A hears of it through the notification
        Map<String, Object> annotator = new java.util.HashMap<>();
        annotator.put("role", null);
        assertThat(nodeB.admin().patch("/api/users/" + id, annotator).status()).isEqualTo(200);
        assertThat(onB.get("/api/users").status()).isEqualTo(403);
        assertThat(awaitStatus(onA, 403)).as("A heard of the demotion").isEqualTo(403);
    }

    /** Another node learns of a change when PostgreSQL's notification arrives: within a second, not at once. */
    private static int awaitStatus(Api client, int expected) throws InterruptedException {
        int status = client.get("/api/users").status();
        for (int attempt = 0; attempt < 100 && status != expected; attempt++) {
            Thread.sleep(10);
            status = client.get("/api/users").status();
        }
        return status;
    }

    private double lookups(String source) {
        return meters.get("macula.authenticated.users").tag("source", source).counter().count();
    }

    private static Api.Response save(Api client, long id, int[] shape, int value, String ifMatch) {
        return SegmentationsHttpTest.put(client, id, "", SegmentationsHttpTest.filled(shape, value),
                Map.of("If-Match", ifMatch));
    }

    private static List<Long> linked(Api client, long image) {
        JsonNode tags = client.get("/api/instances/" + image + "?with_tag_metadata=true").json().get("tags");
        List<Long> ids = new java.util.ArrayList<>();
        tags.forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private double loads(String outcome) {
        return meters.get("macula.aggregate.cache.loads").tag("outcome", outcome).counter().count();
    }
}
