package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Features and subfeatures (docs/api.md §3.7, docs/api.md §8) with the recommended validations. */
class FeaturesHttpTest extends HttpTestBase {

    private long create(Api client, String name, List<Long> children) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("subfeature_ids", children);
        Api.Response created = client.post("/api/features", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    @Test
    void createsFeaturesWithOrderedSubfeaturesAndListsThemByName() {
        Api client = admin();
        String prefix = "F" + RUN;
        long fluid = create(client, prefix + " fluid", List.of());
        long layers = create(client, prefix + " layers", List.of());
        long drusen = create(client, prefix + " drusen", null);
        long parent = create(client, prefix + " AMD", List.of(layers, fluid, drusen));

        JsonNode feature = client.get("/api/features/" + parent).json();
        assertThat(feature.fieldNames()).toIterable()
                .containsExactly("name", "id", "subfeatures", "subfeature_ids", "date_inserted", "segmentation_count");
        assertThat(feature.get("subfeature_ids").toString()).isEqualTo("[" + layers + "," + fluid + "," + drusen + "]");
        assertThat(feature.get("subfeatures").get(0).toString())
                .isEqualTo("{\"index\":0,\"name\":\"" + prefix + " layers\"}");
        assertThat(feature.get("segmentation_count").isNull()).isTrue();

        List<String> names = new ArrayList<>();
        client.get("/api/features?with_counts=true").json().forEach(f -> {
            if (f.get("name").asText().startsWith(prefix)) {
                names.add(f.get("name").asText().substring(prefix.length() + 1));
                assertThat(f.get("segmentation_count").asInt()).isZero();
            }
        });
        assertThat(names).containsExactly("AMD", "drusen", "fluid", "layers");
    }

    @Test
    void patchReplacesChildrenAndRefusesBadOnes() {
        Api client = admin();
        long a = create(client, unique("a"), List.of());
        long b = create(client, unique("b"), List.of(a));
        long c = create(client, unique("c"), List.of());

        assertThat(client.patch("/api/features/" + b, Map.of("subfeature_ids", List.of(c, a))).json()
                .get("subfeature_ids").toString()).isEqualTo("[" + c + "," + a + "]");
        Map<String, Object> nameOnly = new HashMap<>();
        nameOnly.put("name", unique("b renamed"));
        nameOnly.put("subfeature_ids", null);
        assertThat(client.patch("/api/features/" + b, nameOnly).json().get("subfeature_ids").size()).isEqualTo(2);
        assertThat(client.patch("/api/features/" + b, Map.of("subfeature_ids", List.of())).json()
                .get("subfeature_ids").size()).isZero();

        client.patch("/api/features/" + b, Map.of("subfeature_ids", List.of(a)));
        assertThat(client.patch("/api/features/" + a, Map.of("subfeature_ids", List.of(b))).status())
                .as("cycle").isEqualTo(422);
        assertThat(client.patch("/api/features/" + a, Map.of("subfeature_ids", List.of(a))).status())
                .as("self").isEqualTo(422);
        Api.Response twice = client.patch("/api/features/" + c, Map.of("subfeature_ids", List.of(a, a)));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"subfeature_ids\",1]");
        assertThat(client.post("/api/features", Map.of("name", unique("x"), "subfeature_ids", List.of(99999999)))
                .status()).as("unknown child").isEqualTo(422);
        assertThat(client.patch("/api/features/99999999", Map.of("name", "x")).detail()).isEqualTo("Feature not found");
        assertThat(client.get("/api/features/99999999").status()).isEqualTo(404);
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        Api client = admin();
        String name = unique("Geographic Atrophy");
        create(client, name, List.of());
        Api.Response duplicate = client.post("/api/features", Map.of("name", name.toLowerCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(client.post("/api/features", Map.of("name", "n".repeat(61))).status()).isEqualTo(422);
    }

    @Test
    void deleteChecksSegmentationsAndParentsFirst() throws Exception {
        Api client = admin();
        String childName = unique("child");
        long child = create(client, childName, List.of());
        String parentName = unique("parent");
        long parent = create(client, parentName, List.of(child));

        Api.Response isChild = client.delete("/api/features/" + child);
        assertThat(isChild.status()).isEqualTo(409);
        JsonNode detail = isChild.json().get("detail");
        assertThat(detail.fieldNames()).toIterable().containsExactly("code", "message", "parents");
        assertThat(detail.get("code").asText()).isEqualTo("FEATURE_IS_CHILD");
        assertThat(detail.get("message").asText()).isEqualTo("Cannot delete feature '" + childName
                + "' because it is a child of 1 feature(s). Remove those links first.");
        assertThat(detail.get("parents").toString()).isEqualTo("[\"" + parentName + "\"]");

        // a segmentation row as the segmentation feature will write it
        long image = client.post("/api/import/image", ImagingHttpTest.request(unique("features"), "F", "2024-01-01",
                ImagingHttpTest.png("features", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.USER, TestDatabase.PASSWORD);
             PreparedStatement insert = c.prepareStatement("""
                     insert into segmentation (id, image_instance_id, feature_id, creator_id, data_representation,
                         data_type, depth, height, width, inactive, date_inserted)
                     values (nextval('segmentation_id_seq'), ?, ?, 1, 'Binary', 'R8UI', 1, 8, 8, true, now())""")) {
            insert.setLong(1, image);
            insert.setLong(2, parent);
            insert.executeUpdate();
        }
        Api.Response hasSegmentations = client.delete("/api/features/" + parent);
        assertThat(hasSegmentations.status()).isEqualTo(409);
        assertThat(hasSegmentations.json().get("detail").get("code").asText()).isEqualTo("FEATURE_HAS_SEGMENTATIONS");
        assertThat(hasSegmentations.json().get("detail").get("segmentation_count").asInt()).isEqualTo(1);
        assertThat(client.get("/api/features?with_counts=1").json().findParents("id").stream()
                .filter(f -> f.get("id").asLong() == parent).findFirst().orElseThrow()
                .get("segmentation_count").asInt()).isEqualTo(1);

        long lonely = create(client, unique("lonely"), List.of(child));
        assertThat(client.delete("/api/features/" + lonely).status()).isEqualTo(204);
        assertThat(client.get("/api/features/" + lonely).status()).isEqualTo(404);
        assertThat(client.get("/api/features/" + child).status()).as("children survive").isEqualTo(200);
        assertThat(client.delete("/api/features/99999999").detail()).isEqualTo("Feature not found");
        assertThat(admin().get("/api/history/feature/" + lonely).json().findValuesAsText("type"))
                .containsExactly("FeatureCreated", "FeatureDeleted");
    }
}
