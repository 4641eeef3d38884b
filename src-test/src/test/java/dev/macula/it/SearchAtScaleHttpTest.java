package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.synthetic.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over more than Elasticsearch's 10,000-hit window: 10,700 images (about 10,150 with a modality) generated through the
 * ordinary commands, then pages at offsets 9,000 and 10,000 (served with {@code search_after}
 * internally) must hold exactly the expected ids, with {@code has_more} and {@code count} right.
 */
class SearchAtScaleHttpTest extends HttpTestBase {

    private static final int IMAGES = 10_700;

    @Autowired
    SyntheticImages synthetic;

    @Test
    void pagesBeyondTenThousandHitsAreExactAndConsistent() throws Exception {
        String project = unique("Deep");
        // one patient, one study: every image ties on Study Date, so the order is by id alone
        SyntheticImages.Result world = synthetic.generate(
                new SyntheticImages.Plan(project, IMAGES, IMAGES, 0, 0, 0, 5), 4, null);
        List<Long> withModality = world.searchableImageIds();
        Map<String, Object> conditions = Map.of("conditions", List.of(SearchHttpTest.cond("Project Name", "==", project)),
                "order_by", "Study Date", "include_count", true, "limit", 1);
        SearchHttpTest.await(admin(), "/api/instances/search", conditions,
                r -> r.has("count") && r.get("count").asInt() == withModality.size());
        assertThat(withModality.size()).isGreaterThan(10_000);

        JsonNode page9 = page(project, 1000, 9, "ASC");
        assertThat(SearchHttpTest.ids(page9)).isEqualTo(withModality.subList(9000, 10_000));
        assertThat(page9.get("has_more").asBoolean()).isTrue();
        assertThat(page9.get("count").asInt()).isEqualTo(withModality.size());

        JsonNode page10 = page(project, 1000, 10, "ASC");
        assertThat(SearchHttpTest.ids(page10)).isEqualTo(withModality.subList(10_000, withModality.size()));
        assertThat(page10.get("has_more").asBoolean()).isFalse();

        JsonNode small = page(project, 7, 1430, "DESC");
        assertThat(SearchHttpTest.ids(small)).as("ties stay id-ascending in DESC")
                .isEqualTo(withModality.subList(10_010, Math.min(10_017, withModality.size())));

        JsonNode beyond = page(project, 200, 60, "ASC");
        assertThat(SearchHttpTest.ids(beyond)).isEmpty();
        assertThat(beyond.get("has_more").asBoolean()).isFalse();
        assertThat(beyond.get("count").asInt()).as("count also on an empty page").isEqualTo(withModality.size());
    }

    private JsonNode page(String project, int limit, int page, String order) {
        Api.Response response = admin().post("/api/instances/search", Map.of(
                "conditions", List.of(SearchHttpTest.cond("Project Name", "==", project)),
                "order_by", "Study Date", "order", order, "limit", limit, "page", page, "include_count", true));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
