package dev.macula.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.synthetic.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blue/green rebuild produces exactly the documents the live processor wrote: every document of
 * the instance index, compared field by field before and after the rebuild, over a generated world
 * plus the events that fan out to many documents or reach them through the index (a tag renamed
 * and one deleted, a feature renamed, a segmentation deleted). The rebuild reads, dispatches and
 * writes differently from the live processor (pipelined writes, looked-up documents resolved per
 * batch); the index it builds must not show it.
 */
class SearchIndexRebuildIdentityHttpTest extends HttpTestBase {

    @Autowired
    SyntheticImages synthetic;

    @Autowired
    ElasticsearchClient client;

    @Test
    void rebuiltInstanceIndexHoldsExactlyTheDocumentsOfTheLiveOne() throws Exception {
        String project = unique("Identity");
        SyntheticImages.Result world = synthetic.generate(SyntheticImages.Plan.realistic(project, 300), 4, null);
        Api admin = admin();
        List<Long> images = world.imageIds();

        long renamed = tag(admin, unique("Fan-out"));
        for (long image : images.subList(0, 40)) {
            attach(admin, image, renamed);
        }
        assertThat(admin.patch("/api/tags/" + renamed, Map.of("name", unique("Fanned out"))).status()).isEqualTo(200);
        long deleted = tag(admin, unique("Short-lived"));
        for (long image : images.subList(30, 60)) {
            attach(admin, image, deleted);
        }
        assertThat(admin.delete("/api/tags/" + deleted).status()).isEqualTo(204);
        String featureName = world.features().getFirst();
        long feature = -1;
        for (JsonNode f : admin.get("/api/features").json()) {
            if (f.get("name").asText().equals(featureName)) {
                feature = f.get("id").asLong();
            }
        }
        assertThat(admin.patch("/api/features/" + feature, Map.of("name", unique("Soft drusen"))).status())
                .isEqualTo(200);
        long segmentation = -1;
        for (long image : images) {
            JsonNode segmentations = admin.get("/api/instances/" + image + "?with_segmentations=true").json()
                    .get("segmentations");
            if (segmentations != null && !segmentations.isEmpty()) {
                segmentation = segmentations.get(0).get("id").asLong();
                break;
            }
        }
        assertThat(admin.delete("/api/segmentations/" + segmentation).status()).isEqualTo(204);

        String liveIndex = awaitCaughtUp(admin);
        Map<String, Map<?, ?>> live = documents(liveIndex);
        assertThat(live.keySet()).as("the world is in the live index").containsAll(
                images.stream().map(String::valueOf).toList());

        assertThat(admin.post("/api/admin/projections/instance-search/rebuild", Map.of()).status()).isEqualTo(200);
        JsonNode status = ProjectionOperationsHttpTest.awaitRebuild(admin, "instance-search");
        assertThat(status.get("rebuild").get("state").asText()).as(status.toString()).isEqualTo("completed");
        String rebuiltIndex = status.get("rebuild").get("target_index").asText();
        assertThat(rebuiltIndex).isNotEqualTo(liveIndex);
        Map<String, Map<?, ?>> rebuilt = documents(rebuiltIndex);

        assertThat(rebuilt.keySet()).as("document ids").isEqualTo(live.keySet());
        for (Map.Entry<String, Map<?, ?>> document : live.entrySet()) {
            assertThat(rebuilt.get(document.getKey())).as("document %s", document.getKey())
                    .isEqualTo(document.getValue());
        }
    }

    /** Waits until the live processor has handled every event (it writes before its token moves); returns its index. */
    private static String awaitCaughtUp(Api admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode status;
        do {
            status = admin.get("/api/admin/projections/instance-search").json();
            if (status.get("lag").asLong() == 0 && status.get("documents").size() == 1) {
                return status.get("documents").fieldNames().next();
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the live instance index did not catch up: " + status);
    }

    /** Every document of a concrete index version, by id. */
    private Map<String, Map<?, ?>> documents(String index) throws Exception {
        client.indices().refresh(r -> r.index(index));
        Map<String, Map<?, ?>> documents = new TreeMap<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<Map> page = client.search(s -> {
                s.index(index).size(5_000).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                return searchAfter == null ? s : s.searchAfter(searchAfter);
            }, Map.class);
            List<Hit<Map>> hits = page.hits().hits();
            hits.forEach(hit -> documents.put(hit.id(), hit.source()));
            if (hits.size() < 5_000) {
                return documents;
            }
            after = hits.getLast().sort();
        }
    }

    private static long tag(Api admin, String name) {
        Api.Response created = admin.post("/api/tags", Map.of("name", name, "tag_type", "ImageInstance",
                "description", "rebuild identity"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    private static void attach(Api admin, long image, long tag) {
        Api.Response response = admin.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
