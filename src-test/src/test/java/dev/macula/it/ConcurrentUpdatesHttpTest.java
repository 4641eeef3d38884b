package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writes to one aggregate lose nothing: every acknowledged change is an event in the
 * object's history and the read model ends in the state of the last one. (Conflicting versioned
 * writes — two graders saving the same segmentation version — get 409: SegmentationsHttpTest.)
 */
class ConcurrentUpdatesHttpTest extends HttpTestBase {

    private static final int WRITERS = 16;

    @Test
    void concurrentEditsOfOneTagAreAllKeptInOrder() throws Exception {
        Api admin = admin();
        long tag = admin.post("/api/tags", Map.of("name", unique("Contested"), "tag_type", "Study",
                "description", "start")).json().get("id").asLong();
        List<Callable<Integer>> edits = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String description = "edit " + i;
            edits.add(() -> admin.patch("/api/tags/" + tag, Map.of("description", description)).status());
        }
        List<Integer> statuses = run(edits);
        assertThat(statuses).containsOnly(200);

        JsonNode history = admin.get("/api/history/tag/" + tag).json();
        List<String> described = new ArrayList<>();
        history.forEach(entry -> {
            if (entry.get("type").asText().equals("TagDescriptionChanged")) {
                described.add(entry.get("payload").get("description").asText());
            }
        });
        assertThat(described).as("every acknowledged edit is an event").hasSize(WRITERS);
        assertThat(new HashSet<>(described)).hasSize(WRITERS);
        JsonNode tags = admin.get("/api/tags?tag_type=Study").json();
        String current = null;
        for (JsonNode t : tags) {
            if (t.get("id").asLong() == tag) {
                current = t.get("description").asText();
            }
        }
        assertThat(current).as("the read model shows the last event").isEqualTo(described.getLast());
    }

    @Test
    void concurrentTagLinksOnOneImageAreAllKept() throws Exception {
        Api admin = admin();
        long image = admin.post("/api/import/image", ImagingHttpTest.request(unique("concurrent"), "C", "2024-02-02",
                ImagingHttpTest.png("concurrent", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();
        List<Long> tags = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            tags.add(admin.post("/api/tags", Map.of("name", unique("Link"), "tag_type", "ImageInstance",
                    "description", "concurrent")).json().get("id").asLong());
        }
        List<Callable<Integer>> attaches = new ArrayList<>();
        for (long tag : tags) {
            Api grader = newUser("linker");
            attaches.add(() -> grader.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag)).status());
        }
        assertThat(run(attaches)).containsOnly(200);
        Set<Long> linked = new HashSet<>();
        admin.get("/api/instances/" + image + "?with_tag_metadata=true").json().get("tags")
                .forEach(t -> linked.add(t.get("id").asLong()));
        assertThat(linked).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(admin.get("/api/history/instance/" + image).json().findValuesAsText("type"))
                .filteredOn("TagAttached"::equals).hasSize(WRITERS);
    }

    private static List<Integer> run(List<Callable<Integer>> calls) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
        }
        return statuses;
    }
}
