package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.synthetic.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch goes away during writes: every write still succeeds (the event store and the
 * PostgreSQL read models do not need it), searches answer 503 with a detail, and once the node is
 * back the indexes catch up to exactly what the event store implies.
 */
class ElasticsearchOutageHttpTest extends HttpTestBase {

    @Autowired
    SyntheticImages synthetic;

    @Test
    void writesSucceedDuringAnOutageAndTheIndexCatchesUpAfterwards() throws Exception {
        Api admin = admin();
        String project = unique("Outage");
        SyntheticImages.Result before = synthetic.generate(SyntheticImages.Plan.plain(project, 30), 2, null);
        Map<String, Object> all = Map.of("conditions", List.of(SearchHttpTest.cond("Project Name", "==", project)),
                "order_by", "Date Inserted", "limit", 1000, "include_count", true);
        SearchHttpTest.await(admin, "/api/instances/search", all,
                r -> SearchHttpTest.ids(r).equals(before.searchableImageIds()));

        String tagName = unique("During outage");
        List<Long> tagged = new ArrayList<>();
        SyntheticImages.Result during;
        ES_LINK.cut();
        try {
            Api.Response created = admin.post("/api/tags", Map.of("name", tagName, "tag_type", "ImageInstance",
                    "description", "written while Elasticsearch was down"));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            long tag = created.json().get("id").asLong();
            for (long image : before.searchableImageIds().subList(0, 10)) {
                Api.Response attached = admin.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag));
                assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
                tagged.add(image);
            }
            during = synthetic.generate(new SyntheticImages.Plan(project + "-b", 20, 10, 0, 0, 0, 9), 2, null);

            Api.Response search = admin.post("/api/instances/search", all);
            assertThat(search.status()).as(search.toString()).isEqualTo(503);
            assertThat(search.json().get("detail").asText()).contains("Elasticsearch");
            assertThat(admin.get("/api/instances/" + tagged.getFirst() + "?with_tag_metadata=true").json()
                    .get("tags").toString()).as("the read model has the write").contains(tagName);
        } finally {
            ES_LINK.restore();
        }

        Instant restored = Instant.now();
        Map<String, Object> byTag = Map.of("conditions", List.of(SearchHttpTest.cond("Project Name", "==", project),
                        SearchHttpTest.cond("Image Tag Name", "==", tagName)), "order_by", "Date Inserted", "limit", 1000);
        SearchHttpTest.await(admin, "/api/instances/search", byTag, r -> SearchHttpTest.ids(r).equals(tagged));
        List<Long> everything = new ArrayList<>(before.searchableImageIds());
        everything.addAll(during.searchableImageIds());
        everything.sort(Long::compare);
        JsonNode caughtUp = SearchHttpTest.await(admin, "/api/instances/search",
                Map.of("conditions", List.of(SearchHttpTest.cond("Project Name", "IN", List.of(project, project + "-b"))),
                        "order_by", "Date Inserted", "limit", 1000, "include_count", true),
                r -> SearchHttpTest.ids(r).stream().sorted().toList().equals(everything));
        assertThat(caughtUp.get("count").asInt()).isEqualTo(everything.size());
        System.out.printf("search index caught up %d ms after Elasticsearch came back%n",
                Duration.between(restored, Instant.now()).toMillis());
    }
}
