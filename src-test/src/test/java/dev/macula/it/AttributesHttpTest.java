package dev.macula.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.search.SearchFields;
import dev.macula.projection.search.SearchIndexes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.macula.it.SearchHttpTest.await;
import static dev.macula.it.SearchHttpTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attributes end to end (docs/api.md §1.3, §3.0.5, §4.3, §4.6): a data frame imported as CSV and as
 * NDJSON becomes the images' {@code attributes}, attribute conditions in the instance search (on the
 * image and through its segmentations, by feature), signature entries; a repeated frame changes
 * nothing and a frame with a problem is refused whole.
 */
class AttributesHttpTest extends HttpTestBase {

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    SearchIndexes indexes;

    private record World(String project, long img1, long img2, long img3, long patient, long seg2, long seg3,
                         String feature, String model, String grade, String score, String verdict, String area) {
    }

    private World world() throws Exception {
        Api admin = admin();
        String project = unique("Attribute Project");
        long img1 = importImage(admin, project, "A1");
        long img2 = importImage(admin, project, "A2");
        long img3 = importImage(admin, project, "A3");
        long patient = admin.get("/api/instances/" + img1).json().get("patient").get("id").asLong();
        String feature = unique("Drusen");
        long featureId = admin.post("/api/features", Map.of("name", feature)).json().get("id").asLong();
        long seg2 = SearchHttpTest.segmentation(admin, img2, featureId);
        long seg3 = SearchHttpTest.segmentation(admin, img3, featureId);
        assertThat(admin.delete("/api/segmentations/" + seg3).status()).as("inactive, still searched").isEqualTo(204);
        return new World(project, img1, img2, img3, patient, seg2, seg3, feature, unique("quality-model"),
                unique("grade"), unique("score"), unique("verdict"), unique("drusen_area"));
    }

    private long importImage(Api client, String project, String patient) throws Exception {
        Api.Response response = client.post("/api/import/image", ImagingHttpTest.request(project, patient,
                "2022-02-02", ImagingHttpTest.png("attributes", 8, 8), ImagingHttpTest.RIGHT_FUNDUS,
                ImagingHttpTest.CREATE_ALL));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data").get("image_ids").get(0).asLong();
    }

    private Api.Response importCsv(Api client, String csv) {
        return client.sendBytes("POST", "/api/attributes/import", csv.getBytes(StandardCharsets.UTF_8), "text/csv",
                Map.of());
    }

    private Api.Response importNdjson(Api client, String ndjson) {
        return client.sendBytes("POST", "/api/attributes/import", ndjson.getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", Map.of());
    }

    private String frame(World w) {
        return String.join("\n",
                "entity_kind,entity_id,attribute,value,model,model_version",
                "image_instance," + w.img1() + "," + w.grade() + ",0.81," + w.model() + ",2",
                "image_instance," + w.img2() + "," + w.grade() + ",0.4," + w.model() + ",2",
                "image_instance," + w.img1() + "," + w.score() + ",3," + w.model() + ",2",
                "ImageInstance," + w.img2() + "," + w.score() + ",5," + w.model() + ",2",
                "image_instance," + w.img1() + "," + w.verdict() + ",Très bien," + w.model() + ",2",
                "segmentation," + w.seg2() + "," + w.area() + ",0.12," + w.model() + ",2",
                "segmentation," + w.seg3() + "," + w.area() + ",0.5," + w.model() + ",2",
                "patient," + w.patient() + "," + w.score() + ",9," + w.model() + ",2") + "\n";
    }

    @Test
    void importedValuesShowInInstancesSearchAndSignature() throws Exception {
        World w = world();
        Api admin = admin();
        Api.Response imported = importCsv(admin, frame(w));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("rows").asInt()).isEqualTo(8);
        assertThat(imported.json().get("recorded").asInt()).isEqualTo(8);
        assertThat(imported.json().get("models_registered").get(0).asText()).isEqualTo(w.model());
        assertThat(imported.json().get("attributes_defined")).hasSize(4);

        JsonNode attributes = admin.get("/api/instances/" + w.img1()).json().get("attributes");
        assertThat(attributes).as("image-level values only, typed from the frame")
                .isEqualTo(Api.JSON.readTree("{\"" + w.model() + "\": {\"" + w.grade() + "\": 0.81, \"" + w.score()
                        + "\": 3, \"" + w.verdict() + "\": \"Très bien\"}}"));
        assertThat(admin.get("/api/instances/" + w.img3()).json().get("attributes").size())
                .as("values on segmentations are not the image's attributes").isZero();

        // the last value indexed: once it is found, the frame's other values are too
        await(admin, "/api/instances/search", search(attr(w, w.area(), ">", 0.4, null)),
                r -> ids(r).equals(List.of(w.img3())));
        assertThat(find(attr(w, w.grade(), ">", 0.5, null))).containsExactly(w.img1());
        assertThat(find(attr(w, w.grade(), "<=", "0.4", null))).as("a numeric string converts").containsExactly(w.img2());
        assertThat(find(attr(w, w.score(), "==", 5, null))).containsExactly(w.img2());
        assertThat(find(attr(w, w.score(), "IN", List.of("3", "5"), null))).containsExactly(w.img1(), w.img2());
        assertThat(find(attr(w, w.score(), "!=", List.of("3"), null))).containsExactly(w.img2());
        assertThat(find(attr(w, w.verdict(), "==", "TRES BIEN", null))).as("text ignores case and accents")
                .containsExactly(w.img1());
        assertThat(find(attr(w, w.area(), ">", 0, null))).as("through segmentations, inactive ones too")
                .containsExactly(w.img2(), w.img3());
        assertThat(find(attr(w, w.area(), ">", 0, w.feature().toUpperCase()))).as("of that feature")
                .containsExactly(w.img2(), w.img3());
        assertThat(find(attr(w, w.grade(), ">", 0, w.feature()))).as("image-level values have no feature").isEmpty();
        assertThat(find(attr(w, w.grade(), ">", 0.5, null), attr(w, w.score(), "==", 5, null)))
                .as("one EXISTS per condition, AND-ed").isEmpty();
        assertThat(find(attr(w, w.score(), "==", 9, null))).as("patient-level values are not searched").isEmpty();

        JsonNode signature = admin.get("/api/instances/search/signature").json();
        Map<String, String> entries = new LinkedHashMap<>();
        signature.forEach(field -> {
            if (field.get("model").asText().equals(w.model())) {
                entries.put(field.get("name").asText(), field.get("values").asText() + "|" + field.get("type").asText()
                        + "|" + (field.get("feature").isNull() ? null : field.get("feature").asText()));
            }
        });
        assertThat(entries).containsExactlyInAnyOrderEntriesOf(Map.of(
                w.area(), "float|attribute|" + w.feature(),
                w.grade(), "float|attribute|null",
                w.score(), "int|attribute|null",
                w.verdict(), "string|attribute|null"));
    }

    @Test
    void aRepeatedFrameChangesNothingAndAChangedValueIsRecordedOnce() throws Exception {
        World w = world();
        Api admin = admin();
        assertThat(importCsv(admin, frame(w)).status()).isEqualTo(200);
        JsonNode again = importCsv(admin, frame(w)).json();
        assertThat(again.get("recorded").asInt()).isZero();
        assertThat(again.get("changed").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(8);
        assertThat(again.get("models_registered")).isEmpty();

        JsonNode changed = importNdjson(admin, "{\"entity_kind\": \"image_instance\", \"entity_id\": " + w.img2()
                + ", \"attribute\": \"" + w.grade() + "\", \"value\": 0.95, \"model\": \"" + w.model()
                + "\", \"model_version\": \"2\", \"laterality\": \"R\"}\n").json();
        assertThat(changed.get("changed").asInt()).as(changed.toString()).isOne();
        assertThat(admin.get("/api/instances/" + w.img2()).json().get("attributes").get(w.model()).get(w.grade())
                .asDouble()).isEqualTo(0.95);
        await(admin, "/api/instances/search", search(attr(w, w.grade(), ">", 0.9, null)),
                r -> ids(r).equals(List.of(w.img2())));
    }

    /**
     * The indexed document lists an image's values by attribute, not in the order they were stored:
     * a rebuilt index must hold the same documents as the live one, and a row's place in its table
     * moves when it is updated (a rebuild once compared unequal on exactly this).
     */
    @Test
    void anIndexedDocumentListsTheAttributesInAFixedOrder() throws Exception {
        World w = world();
        Api admin = admin();
        assertThat(importCsv(admin, frame(w)).status()).as("defines grade, score, verdict in that order")
                .isEqualTo(200);
        long img = importImage(admin, w.project(), "A4");
        String reversed = String.join("\n",
                "entity_kind,entity_id,attribute,value,model,model_version",
                "image_instance," + img + "," + w.verdict() + ",passable," + w.model() + ",2",
                "image_instance," + img + "," + w.score() + ",7," + w.model() + ",2",
                "image_instance," + img + "," + w.grade() + ",0.2," + w.model() + ",2") + "\n";
        assertThat(importCsv(admin, reversed).status()).isEqualTo(200);
        await(admin, "/api/instances/search", search(attr(w, w.grade(), "<", 0.3, null)),
                r -> ids(r).equals(List.of(img)));

        Map<?, ?> document = elasticsearch.get(g -> g.index(indexes.alias(SearchFields.INSTANCES_INDEX))
                .id(String.valueOf(img)), Map.class).source();
        List<Long> attributeIds = new ArrayList<>();
        ((List<?>) document.get(SearchFields.ATTRIBUTES)).forEach(row ->
                attributeIds.add(((Number) ((Map<?, ?>) row).get(SearchFields.ATTRIBUTE_ID)).longValue()));
        assertThat(attributeIds).hasSize(3).isSorted();
    }

    @Test
    void jsonAttributesTakeAnyJsonAndCompareAsJson() throws Exception {
        World w = world();
        Api admin = admin();
        String fovea = unique("fovea");
        Api.Response imported = importNdjson(admin, "{\"entity_kind\": \"image\", \"entity_id\": " + w.img1()
                + ", \"attribute\": \"" + fovea + "\", \"value\": {\"x\": 10, \"y\": [1, 2]}, \"model\": \"" + w.model()
                + "\", \"model_version\": \"1\"}\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(admin.get("/api/instances/" + w.img1()).json().get("attributes").get(w.model()).get(fovea))
                .isEqualTo(Api.JSON.readTree("{\"x\": 10, \"y\": [1, 2]}"));
        await(admin, "/api/instances/search", search(attr(w, fovea, "==", Map.of("x", 10, "y", List.of(1, 2)), null)),
                r -> ids(r).equals(List.of(w.img1())));
        Api.Response ordered = admin.post("/api/instances/search", search(attr(w, fovea, ">", 1, null)));
        assertThat(ordered.status()).isEqualTo(422);
        assertThat(ordered.json().get("detail").get(0).get("msg").asText()).contains("JSON attribute");
        JsonNode signature = admin.get("/api/instances/search/signature").json();
        signature.forEach(field -> assertThat(field.get("name").asText()).as("JSON attributes are not listed")
                .isNotEqualTo(fovea));
    }

    @Test
    void aFrameWithAProblemIsRefusedWholeWithEveryProblemListed() throws Exception {
        World w = world();
        Api admin = admin();
        String fresh = unique("never-defined");
        String bad = String.join("\n",
                "entity_kind,entity_id,attribute,value,model,model_version",
                "image_instance," + w.img1() + "," + fresh + ",1," + w.model() + ",1",
                "image_instance,99999999," + fresh + ",2," + w.model() + ",1",
                "planet," + w.img1() + "," + fresh + ",3," + w.model() + ",1",
                "image_instance," + w.img1() + "," + fresh + ",4," + w.model() + ",1") + "\n";
        Api.Response refused = importCsv(admin, bad);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        List<String> locations = new ArrayList<>();
        refused.json().get("detail").forEach(error -> locations.add(error.get("loc").toString()));
        assertThat(locations).containsExactlyInAnyOrder("[\"body\",2,\"entity_id\"]", "[\"body\",3,\"entity_kind\"]",
                "[\"body\",4,\"entity_id\"]");
        Api.Response search = admin.post("/api/instances/search", search(attr(w, fresh, "==", 1, null)));
        assertThat(search.status()).as("nothing was defined: the attribute is unknown").isEqualTo(422);
        assertThat(search.json().get("detail").get(0).get("msg").asText()).contains("Unknown attribute");

        assertThat(importCsv(admin, frame(w)).status()).isEqualTo(200);
        Api.Response typed = importCsv(admin, "entity_kind,entity_id,attribute,value,model,model_version\n"
                + "image_instance," + w.img3() + "," + w.score() + ",high," + w.model() + ",2\n");
        assertThat(typed.status()).isEqualTo(422);
        assertThat(typed.json().get("detail").get(0).get("msg").asText()).contains("expects an integer");
        Api.Response version = importCsv(admin, "entity_kind,entity_id,attribute,value,model,model_version\n"
                + "image_instance," + w.img3() + "," + w.score() + ",1," + w.model() + ",3\n");
        assertThat(version.status()).isEqualTo(422);
        assertThat(version.json().get("detail").get(0).get("msg").asText()).contains("one version");
        Api.Response conditionValue = admin.post("/api/instances/search", search(attr(w, w.score(), "==", "high", null)));
        assertThat(conditionValue.status()).as("a value that does not convert").isEqualTo(422);

        assertThat(importCsv(admin, "").status()).isEqualTo(422);
        assertThat(admin.sendBytes("POST", "/api/attributes/import", "x".getBytes(StandardCharsets.UTF_8),
                "image/png", Map.of()).status()).isEqualTo(415);
        assertThat(importCsv(newUser("grader"), frame(w)).status()).as("admins only").isEqualTo(403);
        assertThat(importCsv(anonymous(), frame(w)).status()).isEqualTo(401);
    }

    @SafeVarargs
    private List<Long> find(Map<String, Object>... conditions) {
        Api.Response response = admin().post("/api/instances/search", search(conditions));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json());
    }

    @SafeVarargs
    private static Map<String, Object> search(Map<String, Object>... conditions) {
        return Map.of("conditions", List.of(conditions), "order_by", "Date Inserted");
    }

    private static Map<String, Object> attr(World w, String attribute, String operator, Object value, String feature) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "attribute");
        condition.put("model", w.model());
        condition.put("variable", attribute);
        condition.put("operator", operator);
        condition.put("value", value);
        if (feature != null) {
            condition.put("feature", feature);
        }
        return condition;
    }
}
