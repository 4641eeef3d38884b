package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance and study search against the real Elasticsearch node (docs/api.md §4): one semantic check
 * per searchable field and operator, the grouping rule, ordering, paging and counts, validation,
 * the response shapes and signatures. One small world is built once; every search is scoped to its
 * project, which no other test uses.
 */
class SearchHttpTest extends HttpTestBase {

    /** Generous: after an outage the processors retry with back-off (up to a minute). */
    private static final Duration FRESHNESS = Duration.ofSeconds(90);
    private static World world;

    /** The fixture: five images in three studies of two patients, with tags, segmentations and forms. */
    record World(String project, long img1, long img2, long img3, long img4, long img5, long study1, long study2,
                 long study3, String tagA, String tagB, long tagAId, String segTag, String formTag, String studyTag,
                 String featureX, String featureY, String grader, String schema, long device, long seg3Grader) {
    }

    private synchronized World world() throws Exception {
        if (world != null) {
            return world;
        }
        Api admin = admin();
        String project = unique("Search Project");
        String graderName = unique("seg-grader");
        register(graderName, "pw-" + graderName);
        Api grader = new Api(port).bearer(token(graderName, "pw-" + graderName));
        long deviceModel = admin.post("/api/devices", Map.of("manufacturer", unique("Topcon"), "model", "Triton"))
                .json().get("id").asLong();
        long deviceInstance = admin.post("/api/devices/" + deviceModel + "/instances", Map.of("description", "Room 1"))
                .json().get("id").asLong();

        long img1 = importImage(admin, project, "PA", "2020-01-01", Map.of("BirthDate", "1950-01-01", "Sex", "F"),
                Map.of("StudyDescription", "Baseline", "StudyRound", 1), Map.of("StudyInstanceUid", "1.2.3.study-a"),
                props("R", "ColorFundus", "F1", deviceInstance));
        long img2 = importImage(admin, project, "PA", "2021-06-01", Map.of(), Map.of("StudyDescription", "Follow-up",
                "StudyRound", 2), Map.of(), props("L", "OCT", null, null));
        long img3 = importImage(admin, project, "PB", "2019-03-03", Map.of("Sex", "M"), Map.of(), Map.of(),
                props("R", "ColorFundus", "F2", null));
        long img4 = importImage(admin, project, "PB", "2019-03-03", Map.of(), Map.of(), Map.of(),
                props("L", null, null, null));
        long img5 = importImage(admin, project, "PB", "2019-03-03", Map.of(), Map.of(), Map.of(),
                props("L", "Autofluorescence", null, null));

        JsonNode instance1 = admin.get("/api/instances/" + img1).json();
        long study1 = instance1.get("study").get("id").asLong();
        long study2 = admin.get("/api/instances/" + img2).json().get("study").get("id").asLong();
        long study3 = admin.get("/api/instances/" + img3).json().get("study").get("id").asLong();
        long patientA = instance1.get("patient").get("id").asLong();

        String tagA = unique("Reviewed");
        String tagB = unique("Gradable");
        long tagAId = tag(admin, tagA, "ImageInstance");
        long tagBId = tag(admin, tagB, "ImageInstance");
        String segTag = unique("Uncertain");
        long segTagId = tag(admin, segTag, "Segmentation");
        String formTag = unique("Checked");
        long formTagId = tag(admin, formTag, "FormAnnotation");
        String studyTag = unique("Followup");
        long studyTagId = tag(admin, studyTag, "Study");
        attach(admin, "/api/instances/" + img1 + "/tags", tagAId);
        attach(admin, "/api/instances/" + img2 + "/tags", tagAId);
        attach(admin, "/api/instances/" + img2 + "/tags", tagBId);
        attach(admin, "/api/studies/" + study2 + "/tags", studyTagId);

        String featureX = unique("Drusen");
        String featureY = unique("Hemorrhage");
        long fx = admin.post("/api/features", Map.of("name", featureX)).json().get("id").asLong();
        long fy = admin.post("/api/features", Map.of("name", featureY)).json().get("id").asLong();
        // img3: X by admin (tagged), Y by grader (untagged); img1: X by grader, later deactivated
        long seg3Admin = segmentation(admin, img3, fx);
        attach(admin, "/api/segmentations/" + seg3Admin + "/tags", segTagId);
        long seg3Grader = segmentation(grader, img3, fy);
        long seg1 = segmentation(grader, img1, fx);
        assertThat(admin.delete("/api/segmentations/" + seg1).status()).isEqualTo(204);

        String schema = unique("AMD form");
        long schemaId = admin.post("/api/form-schemas", Map.of("name", schema, "schema", Map.of("type", "object")))
                .json().get("id").asLong();
        Map<String, Object> imageForm = new HashMap<>(Map.of("form_schema_id", schemaId, "patient_id", patientA,
                "study_id", study1, "image_instance_id", img1, "form_data", Map.of()));
        long form1 = grader.post("/api/form-annotations", imageForm).json().get("id").asLong();
        attach(admin, "/api/form-annotations/" + form1 + "/tags", formTagId);

        // the last write: once it is searchable, everything before it is too (one ordered segment)
        String marker = unique("Marker");
        long markerId = tag(admin, marker, "ImageInstance");
        attach(admin, "/api/instances/" + img5 + "/tags", markerId);
        awaitInstances(admin, List.of(cond("Image Tag Name", "==", marker)), r -> ids(r).equals(List.of(img5)));
        awaitStudies(admin, List.of(cond("Study Tag Name", "==", studyTag)), r -> ids(r).equals(List.of(study2)));
        world = new World(project, img1, img2, img3, img4, img5, study1, study2, study3, tagA, tagB, tagAId, segTag,
                formTag, studyTag, featureX, featureY, graderName, schema, deviceModel, seg3Grader);
        return world;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> props(String laterality, String modality, String etdrs, Long device) {
        Map<String, Object> props = new HashMap<>();
        props.put("Laterality", laterality);
        if (modality != null) {
            props.put("Modality", modality);
        }
        if (etdrs != null) {
            props.put("ETDRSField", etdrs);
        }
        if (device != null) {
            props.put("DeviceInstanceID", device);
        }
        return props;
    }

    private long importImage(Api client, String project, String patient, String date, Map<String, Object> patientProps,
                             Map<String, Object> studyProps, Map<String, Object> seriesProps,
                             Map<String, Object> imageProps) throws IOException {
        Map<String, Object> data = new HashMap<>();
        data.put("project_name", project);
        data.put("patient_identifier", patient);
        data.put("study_date", date);
        data.put("image", ImagingHttpTest.png("search", 8, 8));
        data.put("image_props", imageProps);
        data.put("patient_props", patientProps);
        data.put("study_props", studyProps);
        data.put("series_props", seriesProps);
        Api.Response response = client.post("/api/import/image", Map.of("data", data, "options",
                Map.of("create_project", true, "create_patients", true, "create_studies", true)));
        assertThat(response.json().get("success").asBoolean()).as(response.toString()).isTrue();
        return response.json().get("data").get("image_ids").get(0).asLong();
    }

    private static long tag(Api client, String name, String type) {
        Api.Response created = client.post("/api/tags", Map.of("name", name, "tag_type", type, "description", "search"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    private static void attach(Api client, String path, long tagId) {
        Api.Response response = client.post(path, Map.of("tag_id", tagId));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    static long segmentation(Api client, long image, long feature) throws IOException {
        Map<String, Object> metadata = Map.of("image_instance_id", image, "depth", 1, "height", 8, "width", 8,
                "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Npy.write(NdArray.zeros(DType.UINT8, new int[]{1, 8, 8})));
        }
        Api.Response created = client.multipart("/api/segmentations", List.of(
                new Api.Part("metadata", null, "text/plain",
                        Api.JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8)),
                new Api.Part("np_array", "np_array.npy.gz", "application/octet-stream", gz.toByteArray())));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    static Map<String, Object> cond(String variable, String operator, Object value) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "default");
        condition.put("variable", variable);
        condition.put("operator", operator);
        condition.put("value", value);
        return condition;
    }

    private static Map<String, Object> studyCond(String variable, String operator, Object value) {
        Map<String, Object> condition = cond(variable, operator, value);
        condition.remove("type");
        return condition;
    }

    private Map<String, Object> body(List<Map<String, Object>> conditions, Object... more) {
        Map<String, Object> body = new HashMap<>();
        List<Map<String, Object>> all = new ArrayList<>(conditions);
        all.add(0, cond("Project Name", "==", world.project()));
        body.put("conditions", all);
        body.put("order_by", "Date Inserted");
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private Map<String, Object> studyBody(List<Map<String, Object>> conditions, Object... more) {
        Map<String, Object> body = body(List.of(), more);
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(studyCond("Project Name", "==", world.project()));
        all.addAll(conditions);
        body.put("conditions", all);
        return body;
    }

    private JsonNode search(List<Map<String, Object>> conditions, Object... more) {
        Api.Response response = admin().post("/api/instances/search", body(conditions, more));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private List<Long> find(Map<String, Object>... conditions) {
        return ids(search(List.of(conditions)));
    }

    private List<Long> findStudies(Map<String, Object>... conditions) {
        Api.Response response = admin().post("/api/studies/search", studyBody(List.of(conditions)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json());
    }

    private Api.Response rawSearch(Map<String, Object> body) {
        return admin().post("/api/instances/search", body);
    }

    private static List<String> names(JsonNode tags) {
        List<String> names = new ArrayList<>();
        tags.forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    static List<Long> ids(JsonNode response) {
        List<Long> ids = new ArrayList<>();
        response.get("result_ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private JsonNode awaitInstances(Api client, List<Map<String, Object>> conditions, Predicate<JsonNode> until)
            throws InterruptedException {
        return await(client, "/api/instances/search", Map.of("conditions", conditions, "order_by", "Date Inserted"),
                until);
    }

    private JsonNode awaitStudies(Api client, List<Map<String, Object>> conditions, Predicate<JsonNode> until)
            throws InterruptedException {
        List<Map<String, Object>> plain = conditions.stream().map(c -> {
            Map<String, Object> copy = new LinkedHashMap<>(c);
            copy.remove("type");
            return copy;
        }).toList();
        return await(client, "/api/studies/search", Map.of("conditions", plain, "order_by", "Date Inserted"), until);
    }

    static JsonNode await(Api client, String path, Map<String, Object> body, Predicate<JsonNode> until)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(FRESHNESS);
        JsonNode result;
        do {
            Api.Response response = client.post(path, body);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            result = response.json();
            if (until.test(result)) {
                return result;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("search did not converge within " + FRESHNESS + ": " + result);
    }

    // ---------------------------------------------------------------- base variables

    @Test
    void candidateSetIsActiveImagesWithAModality() throws Exception {
        World w = world();
        assertThat(find()).containsExactly(w.img1(), w.img2(), w.img3(), w.img5());
        assertThat(find(cond("Modality", "==", null))).as("images without modality never appear").isEmpty();
    }

    @Test
    void imageIdComparesAsAnIntegerWithEveryOperator() throws Exception {
        World w = world();
        assertThat(find(cond("Image DBID", "==", w.img2()))).containsExactly(w.img2());
        assertThat(find(cond("Image DBID", "==", Long.toString(w.img2())))).as("numeric string").containsExactly(w.img2());
        assertThat(find(cond("Image DBID", "!=", w.img2()))).containsExactly(w.img1(), w.img3(), w.img5());
        assertThat(find(cond("Image DBID", ">", w.img2()))).containsExactly(w.img3(), w.img5());
        assertThat(find(cond("Image DBID", ">=", w.img2()))).containsExactly(w.img2(), w.img3(), w.img5());
        assertThat(find(cond("Image DBID", "<", w.img2()))).containsExactly(w.img1());
        assertThat(find(cond("Image DBID", "<=", w.img2()))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Image DBID", "IN", List.of(String.valueOf(w.img1()), String.valueOf(w.img3())))))
                .containsExactly(w.img1(), w.img3());
        assertThat(find(cond("Image DBID", "IN", List.of(w.img1(), w.img3())))).as("number arrays (docs/api.md §9.2 item 39)")
                .containsExactly(w.img1(), w.img3());
        assertThat(find(cond("Image DBID", "IN", w.img3()))).as("scalar IN is a one-element IN").containsExactly(w.img3());
        assertThat(find(cond("Image DBID", "!=", List.of(w.img1(), w.img3())))).as("!= with a list is NOT IN")
                .containsExactly(w.img2(), w.img5());
        assertThat(find(cond("Image DBID", "IN", List.of()))).as("empty IN matches nothing").isEmpty();
    }

    @Test
    void enumVariablesMatchTheirValues() throws Exception {
        World w = world();
        assertThat(find(cond("Laterality", "==", "R"))).containsExactly(w.img1(), w.img3());
        assertThat(find(cond("Laterality", "!=", "R"))).containsExactly(w.img2(), w.img5());
        assertThat(find(cond("Modality", "IN", List.of("OCT", "Autofluorescence")))).containsExactly(w.img2(), w.img5());
        assertThat(find(cond("Modality", "==", "ColorFundus"))).containsExactly(w.img1(), w.img3());
        assertThat(find(cond("ETDRS Field", "==", "F2"))).containsExactly(w.img3());
        assertThat(find(cond("ETDRS Field", "==", null))).containsExactly(w.img2(), w.img5());
        assertThat(find(cond("ETDRS Field", "!=", null))).containsExactly(w.img1(), w.img3());
        assertThat(find(cond("ETDRS Field", "!=", "F1"))).as("SQL: NULL never matches !=").containsExactly(w.img3());
        assertThat(find(cond("Patient Sex", "==", "F"))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Patient Sex", "==", "m"))).as("case-insensitive").containsExactly(w.img3(), w.img5());
    }

    @Test
    void datesAndNumbersCompareAsTheirTypes() throws Exception {
        World w = world();
        assertThat(find(cond("Study Date", ">=", "2020-01-01"))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Study Date", "<", "2020-01-01"))).containsExactly(w.img3(), w.img5());
        assertThat(find(cond("Study Date", "==", "2021-06-01"))).containsExactly(w.img2());
        assertThat(find(cond("Study Date", "IN", List.of("2019-03-03", "2021-06-01"))))
                .containsExactly(w.img2(), w.img3(), w.img5());
        assertThat(find(cond("Patient Birthdate", "==", null))).containsExactly(w.img3(), w.img5());
        assertThat(find(cond("Patient Birthdate", "<=", "1950-01-01"))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Color Fundus Quality", "==", null))).hasSize(4);
        assertThat(find(cond("Color Fundus Quality", ">", 0.5))).isEmpty();
        assertThat(find(cond("Device Model ID", "==", String.valueOf(w.device())))).containsExactly(w.img1());
        assertThat(find(cond("Device Model ID", "!=", w.device()))).as("no device: NULL").isEmpty();
    }

    @Test
    void textComparesCaseAndAccentInsensitively() throws Exception {
        World w = world();
        assertThat(find(cond("Patient Identifier", "==", "pa"))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Patient Identifier", ">", "PA"))).containsExactly(w.img3(), w.img5());
        assertThat(find(cond("Patient Identifier", "IN", List.of("pb", "nobody")))).containsExactly(w.img3(), w.img5());
        Api.Response upper = rawSearch(Map.of("conditions", List.of(cond("Project Name", "==",
                w.project().toUpperCase())), "order_by", "Study Date"));
        assertThat(ids(upper.json())).hasSize(4);
    }

    // ---------------------------------------------------------------- grouped variables

    @Test
    void imageTagConditionsHoldOnOneTagLink() throws Exception {
        World w = world();
        assertThat(find(cond("Image Tag Name", "==", w.tagA()))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Image Tag Name", "==", w.tagA().toUpperCase()))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Image Tag Name", "==", w.tagA()), cond("Image Tag Name", "==", w.tagB())))
                .as("one link cannot have two names").isEmpty();
        assertThat(find(cond("Image Tag Name", "IN", List.of(w.tagA(), w.tagB())))).containsExactly(w.img1(), w.img2());
        assertThat(find(cond("Image Tag Name", "!=", w.tagA())))
                .as("has a tag that is not A (img5 has the marker tag)").containsExactly(w.img2(), w.img5());
        assertThat(find(cond("Image Tag Name", "==", null))).as("inner join: never NULL").isEmpty();
        assertThat(find(cond("Image Tag Name", "!=", null))).containsExactly(w.img1(), w.img2(), w.img5());
    }

    @Test
    void segmentationConditionsHoldOnOneActiveSegmentation() throws Exception {
        World w = world();
        assertThat(find(cond("Segmentation Feature Name", "==", w.featureX())))
                .as("img1's segmentation of X is inactive").containsExactly(w.img3());
        assertThat(find(cond("Segmentation Feature Name", "==", w.featureX()),
                cond("Segmentation Creator Name", "==", w.grader()))).as("X is by admin, Y by the grader").isEmpty();
        assertThat(find(cond("Segmentation Feature Name", "==", w.featureY()),
                cond("Segmentation Creator Name", "==", w.grader()))).containsExactly(w.img3());
        assertThat(find(cond("Segmentation Tag Name", "==", w.segTag()))).containsExactly(w.img3());
        assertThat(find(cond("Segmentation Tag Name", "==", w.segTag()),
                cond("Segmentation Feature Name", "==", w.featureY()))).as("the tag is on X").isEmpty();
        assertThat(find(cond("Segmentation Tag Name", "==", null),
                cond("Segmentation Feature Name", "==", w.featureY()))).as("untagged segmentation: outer join")
                .containsExactly(w.img3());
        assertThat(find(cond("Segmentation Creator Name", "==", w.grader().toUpperCase()))).containsExactly(w.img3());
    }

    @Test
    void formConditionsHoldOnOneActiveFormAnnotation() throws Exception {
        World w = world();
        assertThat(find(cond("Form Schema Name", "==", w.schema()))).containsExactly(w.img1());
        assertThat(find(cond("Form Schema Name", "==", w.schema()), cond("Form Creator Name", "==", w.grader()),
                cond("Form Tag Name", "==", w.formTag()))).containsExactly(w.img1());
        assertThat(find(cond("Form Creator Name", "==", ADMIN))).isEmpty();
        assertThat(find(cond("Form Tag Name", "==", null))).as("the one form is tagged").isEmpty();
    }

    // ---------------------------------------------------------------- ordering, paging, counts

    @Test
    void ordersByTheChosenFieldWithNullsFirstAscendingAndIdAsTieBreaker() throws Exception {
        World w = world();
        assertThat(ids(search(List.of(), "order_by", "Study Date")))
                .containsExactly(w.img3(), w.img5(), w.img1(), w.img2());
        assertThat(ids(search(List.of(), "order_by", "Study Date", "order", "DESC")))
                .as("ties stay id-ascending in DESC").containsExactly(w.img2(), w.img1(), w.img3(), w.img5());
        assertThat(ids(search(List.of(), "order_by", "Patient Birthdate")))
                .as("NULL birth dates first").containsExactly(w.img3(), w.img5(), w.img1(), w.img2());
        assertThat(ids(search(List.of(), "order_by", "Patient Birthdate", "order", "DESC")))
                .as("NULL birth dates last").containsExactly(w.img1(), w.img2(), w.img3(), w.img5());
        JsonNode byInsertion = search(List.of(), "order_by", "Date Inserted", "order", "DESC");
        List<String> inserted = new ArrayList<>();
        byInsertion.get("instances").forEach(i -> inserted.add(i.get("date_inserted").asText()));
        assertThat(inserted).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids(byInsertion)).containsExactlyInAnyOrder(w.img1(), w.img2(), w.img3(), w.img5());
    }

    @Test
    void pagesLookAheadOneRowAndCountWhenAsked() throws Exception {
        World w = world();
        JsonNode first = search(List.of(), "limit", 3, "include_count", true);
        assertThat(ids(first)).containsExactly(w.img1(), w.img2(), w.img3());
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("count").asInt()).isEqualTo(4);
        assertThat(first.get("limit").asInt()).isEqualTo(3);
        JsonNode second = search(List.of(), "limit", 3, "page", 1);
        assertThat(ids(second)).containsExactly(w.img5());
        assertThat(second.get("has_more").asBoolean()).isFalse();
        assertThat(second.has("count")).as("not requested").isFalse();
        JsonNode beyond = search(List.of(), "limit", 3, "page", 5, "include_count", true);
        assertThat(beyond.toString()).isEqualTo("{\"instances\":[],\"studies\":[],\"limit\":3,\"page\":5,\"count\":4,"
                + "\"result_ids\":[],\"has_more\":false}");
        assertThat(search(List.of(), "limit", 4).get("has_more").asBoolean()).isFalse();
    }

    @Test
    void responseHasFullInstancesAndTheirStudiesWithoutNulls() throws Exception {
        World w = world();
        JsonNode page = search(List.of(cond("Image DBID", "IN", List.of(w.img2(), w.img3(), w.img1()))),
                "order_by", "Study Date", "order", "DESC");
        assertThat(ids(page)).containsExactly(w.img2(), w.img1(), w.img3());
        JsonNode img2 = page.get("instances").get(0);
        assertThat(img2.get("modality").asText()).isEqualTo("OCT");
        assertThat(names(img2.get("tags"))).containsExactly(w.tagA(), w.tagB());
        assertThat(img2.get("tags").get(0).get("tagger").get("name").asText()).isEqualTo(ADMIN);
        assertThat(img2.get("tags").get(0).has("comment")).as("null comment omitted").isFalse();
        assertThat(img2.has("etdrs_field")).as("nulls omitted").isFalse();
        assertThat(img2.has("segmentations")).isFalse();
        assertThat(img2.get("attributes").isObject()).isTrue();
        assertThat(img2.get("device").get("manufacturer").asText()).isEqualTo("Unknown");
        assertThat(page.get("instances").get(1).get("device").get("model").asText()).isEqualTo("Triton");
        List<Long> studies = new ArrayList<>();
        page.get("studies").forEach(s -> studies.add(s.get("id").asLong()));
        assertThat(studies).as("first appearance").containsExactly(w.study2(), w.study1(), w.study3());
        JsonNode study3 = page.get("studies").get(2);
        List<Long> seriesImages = new ArrayList<>();
        study3.get("series").forEach(series -> series.get("instance_ids").forEach(i -> seriesImages.add(i.asLong())));
        assertThat(seriesImages).as("all series with all their active images, not only the matches")
                .containsExactly(w.img3(), w.img4(), w.img5());
        assertThat(names(page.get("studies").get(0).get("tags"))).containsExactly(w.studyTag());
        assertThat(page.get("studies").get(0).get("description").asText()).isEqualTo("Follow-up");
    }

    // ---------------------------------------------------------------- validation

    @Test
    void invalidRequestsAre422WithPydanticShapedErrors() throws Exception {
        World w = world();
        Map<String, Object> noType = new LinkedHashMap<>(cond("Laterality", "==", "R"));
        noType.remove("type");
        JsonNode missingTag = rawSearch(Map.of("conditions", List.of(noType), "order_by", "Study Date")).json();
        assertThat(missingTag.get("detail").get(0).get("type").asText()).isEqualTo("union_tag_not_found");
        assertThat(missingTag.get("detail").get(0).get("msg").asText())
                .isEqualTo("Unable to extract tag using discriminator 'type'");

        assertError(body(List.of(cond("Laterality", "==", "X"))), "value_error", "conditions", 1, "value");
        assertError(body(List.of(cond("Laterality", ">", "L"))), "value_error", "conditions", 1, "value");
        assertError(body(List.of(cond("Image DBID", "==", "abc"))), "value_error", "conditions", 1, "value");
        assertError(body(List.of(cond("Study Date", ">", "yesterday"))), "value_error", "conditions", 1, "value");
        assertError(body(List.of(cond("Image DBID", ">", List.of("1", "2")))), "value_error", "conditions", 1, "value");
        assertError(body(List.of(cond("Eye Colour", "==", "blue"))), "literal_error", "conditions", 1, "variable");
        assertError(body(List.of(cond("Laterality", "=~", "R"))), "literal_error", "conditions", 1, "operator");
        assertError(body(List.of(), "order_by", "Name"), "literal_error", "order_by");
        assertError(body(List.of(), "order", "UP"), "literal_error", "order");
        assertError(body(List.of(), "limit", 0), "greater_than_equal", "limit");
        assertError(body(List.of(), "limit", 100_000), "less_than_equal", "limit");
        assertError(body(List.of(), "page", -1), "greater_than_equal", "page");
        Map<String, Object> attribute = Map.of("type", "attribute", "model", "quality-model", "variable", "sharpness",
                "operator", ">", "value", 0.7);
        assertError(Map.of("conditions", List.of(attribute), "order_by", "Study Date"), "value_error",
                "conditions", 0, "model");
        Map<String, Object> noValue = new LinkedHashMap<>(cond("Laterality", "==", null));
        noValue.remove("value");
        assertError(Map.of("conditions", List.of(noValue), "order_by", "Study Date"), "missing", "conditions", 0, "value");
        assertError(Map.of("order_by", "Study Date"), "missing", "conditions");
        assertError(Map.of("conditions", List.of()), "missing", "order_by");
        assertThat(admin().sendBytes("POST", "/api/instances/search", "{".getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of()).status()).isEqualTo(422);
        assertThat(anonymous().post("/api/instances/search", body(List.of())).status()).isEqualTo(401);
        assertThat(anonymous().get("/api/instances/search/signature").status()).isEqualTo(401);
    }

    private void assertError(Map<String, Object> body, String type, Object... loc) {
        Api.Response response = rawSearch(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        List<Object> expected = new ArrayList<>(List.of("body"));
        expected.addAll(List.of(loc));
        boolean found = false;
        for (JsonNode error : response.json().get("detail")) {
            List<Object> actual = new ArrayList<>();
            error.get("loc").forEach(n -> actual.add(n.isInt() ? (Object) n.asInt() : n.asText()));
            found |= error.get("type").asText().equals(type) && actual.equals(expected);
        }
        assertThat(found).as("%s at %s in %s", type, expected, response.body()).isTrue();
    }

    // ---------------------------------------------------------------- study search and signatures

    @Test
    void studySearchFiltersStudiesAndListsTheirImages() throws Exception {
        World w = world();
        assertThat(findStudies()).containsExactly(w.study1(), w.study2(), w.study3());
        assertThat(findStudies(studyCond("Study Tag Name", "==", w.studyTag()))).containsExactly(w.study2());
        assertThat(findStudies(studyCond("Study Description", "==", "baseline"))).containsExactly(w.study1());
        assertThat(findStudies(studyCond("Study Round", ">=", 2))).containsExactly(w.study2());
        assertThat(findStudies(studyCond("Study Round", "==", null))).containsExactly(w.study3());
        assertThat(findStudies(studyCond("Study Round", "==", true))).as("true is 1").containsExactly(w.study1());
        assertThat(findStudies(studyCond("Study Date", "<", "2020-06-01"))).containsExactly(w.study1(), w.study3());
        assertThat(findStudies(studyCond("Patient Sex", "==", "M"))).containsExactly(w.study3());
        assertThat(findStudies(studyCond("Form Schema Name", "==", w.schema()),
                studyCond("Form Tag Name", "==", w.formTag()))).containsExactly(w.study1());
        assertThat(findStudies(studyCond("Study Instance UID", "==", "1.2.3.STUDY-A"))).containsExactly(w.study1());

        Map<String, Object> body = studyBody(List.of(), "order_by", "Study Date", "order", "DESC", "limit", 2,
                "include_count", true);
        JsonNode page = admin().post("/api/studies/search", body).json();
        assertThat(ids(page)).containsExactly(w.study2(), w.study1());
        assertThat(page.get("count").asInt()).isEqualTo(3);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode last = admin().post("/api/studies/search", studyBody(List.of(), "order_by", "Study Date",
                "order", "DESC", "limit", 2, "page", 1)).json();
        assertThat(ids(last)).containsExactly(w.study3());
        List<Long> images = new ArrayList<>();
        last.get("instances").forEach(i -> images.add(i.get("id").asLong()));
        assertThat(images).as("every active image of the study, by id, also without modality")
                .containsExactly(w.img3(), w.img4(), w.img5());
        JsonNode withoutModality = last.get("instances").get(1);
        assertThat(withoutModality.has("modality")).isFalse();
        assertThat(withoutModality.get("device").get("manufacturer").asText()).isEqualTo("Unknown");
        assertThat(withoutModality.get("tags").isArray()).isTrue();
        Map<String, Object> typed = new HashMap<>(studyBody(List.of()));
        typed.put("conditions", List.of(cond("Study Date", "==", "2019-03-03"),
                studyCond("Project Name", "==", w.project())));
        assertThat(ids(admin().post("/api/studies/search", typed).json())).as("an extra type is ignored")
                .containsExactly(w.study3());
        assertThat(admin().post("/api/studies/search", studyBody(List.of(studyCond("Image Tag Name", "==", "x"))))
                .status()).isEqualTo(422);
    }

    @Test
    void signaturesListVariablesInTheContractOrderWithValuesFromTheDatabase() throws Exception {
        World w = world();
        JsonNode signature = admin().get("/api/instances/search/signature").json();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        signature.forEach(f -> {
            types.add(f.get("type").asText());
            if (f.get("type").asText().equals("default")) {
                names.add(f.get("name").asText());
            }
        });
        // attribute entries (other tests' models) sit between "Image Tag Name" and "Image DBID"
        assertThat(String.join(",", types)).matches("(default,){13}(attribute,)*(default,){4}default");
        assertThat(names).containsExactly("Laterality", "Modality", "ETDRS Field", "Patient Sex", "Project Name",
                "Device Model ID", "Segmentation Feature Name", "Segmentation Creator Name", "Segmentation Tag Name",
                "Form Schema Name", "Form Creator Name", "Form Tag Name", "Image Tag Name", "Image DBID",
                "Color Fundus Quality", "Study Date", "Patient Identifier", "Patient Birthdate");
        assertThat(signature.get(0).toString())
                .isEqualTo("{\"name\":\"Laterality\",\"values\":[\"L\",\"R\"],\"type\":\"default\",\"model\":null,\"feature\":null}");
        assertThat(signature.get(1).get("values")).hasSize(15);
        assertThat(signature.get(4).get("values").toString()).contains("\"" + w.project() + "\"");
        assertThat(signature.get(5).get("values").toString()).contains("\"" + w.device() + "\"");
        assertThat(signature.get(7).get("values").toString()).contains(w.grader());
        assertThat(signature.get(8).get("values").toString()).contains(w.segTag());
        assertThat(signature.get(12).get("values").toString()).contains(w.tagA(), w.tagB());
        assertThat(signature.get(types.size() - 5).get("values").asText()).as("Image DBID").isEqualTo("int");
        List<String> projects = new ArrayList<>();
        signature.get(4).get("values").forEach(v -> projects.add(v.asText()));
        assertThat(projects).isSorted();

        JsonNode studySignature = admin().get("/api/studies/search/signature").json();
        List<String> studyNames = new ArrayList<>();
        studySignature.forEach(f -> studyNames.add(f.get("name").asText()));
        assertThat(studyNames).containsExactly("Patient Sex", "Project Name", "Form Schema Name", "Form Creator Name",
                "Form Tag Name", "Study Tag Name", "Study Date", "Study Description", "Study Round",
                "Study Instance UID", "Patient Identifier", "Patient Birthdate");
        assertThat(studySignature.get(5).get("values").toString()).contains(w.studyTag());
    }

    // ---------------------------------------------------------------- the index follows changes

    @Test
    void indexFollowsRenamesDetachesDeactivationsAndDeletions() throws Exception {
        World w = world();
        Api admin = admin();
        String project = unique("Changes");
        long image = importImage(admin, project, "PC", "2022-02-02", Map.of(), Map.of(), Map.of(),
                props("R", "ColorFundus", null, null));
        long tag = tag(admin, unique("Temporary"), "ImageInstance");
        attach(admin, "/api/instances/" + image + "/tags", tag);
        String renamed = unique("Renamed");
        assertThat(admin.patch("/api/tags/" + tag, Map.of("name", renamed)).status()).isEqualTo(200);
        awaitInstances(admin, List.of(cond("Image Tag Name", "==", renamed)), r -> ids(r).equals(List.of(image)));

        long feature = admin.post("/api/features", Map.of("name", unique("Cotton wool"))).json().get("id").asLong();
        long segmentation = segmentation(admin, image, feature);
        String featureName = unique("Cotton wool spot");
        assertThat(admin.patch("/api/features/" + feature, Map.of("name", featureName)).status()).isEqualTo(200);
        awaitInstances(admin, List.of(cond("Segmentation Feature Name", "==", featureName)),
                r -> ids(r).equals(List.of(image)));
        assertThat(admin.delete("/api/segmentations/" + segmentation).status()).isEqualTo(204);
        awaitInstances(admin, List.of(cond("Segmentation Feature Name", "==", featureName)), r -> ids(r).isEmpty());

        assertThat(admin.delete("/api/tags/" + tag).status()).isEqualTo(204);
        awaitInstances(admin, List.of(cond("Project Name", "==", project), cond("Image Tag Name", "!=", null)),
                r -> ids(r).isEmpty());
        assertThat(w.img1()).isPositive();
    }
}
