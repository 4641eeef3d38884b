package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 5, what a new user meets: form-annotation tags are real, history takes snake_case
 * and kebab-case type names, and the Eyened viewer's autosave is never refused — validity is
 * reported instead and enforced when a grader marks the sub-task Ready.
 */
class FormValidationHttpTest extends HttpTestBase {

    /** A grading form as the viewer would show it: two required answers, one with a range. */
    private static final Map<String, Object> ACUITY_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("visual_acuity", "drusen"),
            "properties", Map.of(
                    "visual_acuity", Map.of("type", "number", "minimum", 0, "maximum", 2),
                    "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large"))));

    /** Anything goes: for the tests that are not about validation. */
    private static final Map<String, Object> FREE_SCHEMA = Map.of("type", "object");

    private record Setup(long patient, long study, long image, long subTask, long task) {
    }

    private Setup setup(Api admin) throws IOException {
        JsonNode imported = admin.post("/api/import/image", ImagingHttpTest.request(unique("validation"), "V1",
                "2024-08-08", ImagingHttpTest.png("validation", 8, 8), ImagingHttpTest.RIGHT_FUNDUS,
                ImagingHttpTest.CREATE_ALL)).json();
        long image = imported.get("data").get("image_ids").get(0).asLong();
        JsonNode instance = admin.get("/api/instances/" + image).json();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("acuity grading"))).json()
                .get("id").asLong();
        long task = admin.post("/api/task", Map.of("name", unique("acuity"), "task_definition_id", definition)).json()
                .get("id").asLong();
        long subTask = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(image))).json()
                .get("id").asLong();
        return new Setup(instance.get("patient").get("id").asLong(), instance.get("study").get("id").asLong(), image,
                subTask, task);
    }

    private static long schema(Api admin, Map<String, Object> document) {
        Api.Response created = admin.post("/api/form-schemas", Map.of("name", unique("acuity form"), "schema", document));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    private static Api.Response putValue(Api client, long form, String json) {
        return client.send("PUT", "/api/form-annotations/" + form + "/value", json, "application/json");
    }

    /** The canonical (kebab-case aggregate prefix) name of a spelling the history endpoints accept. */
    private static String canonical(String spelling) {
        String kebab = spelling.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase().replace('_', '-');
        return Map.of("sub-task", "subtask", "device-model", "device").getOrDefault(kebab, kebab);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private static List<String> paths(JsonNode validation) {
        List<String> paths = new ArrayList<>();
        validation.get("errors").forEach(e -> paths.add(e.get("path").asText()));
        return paths;
    }

    @Test
    void formAnnotationTagsAreRealOnTheFormTheListAndTheInstance() throws IOException {
        Api admin = admin();
        Setup s = setup(admin);
        long schema = schema(admin, FREE_SCHEMA);
        Api grader = newUser("tagging-grader");
        long form = grader.post("/api/form-annotations", Map.of("form_schema_id", schema, "patient_id", s.patient(),
                "image_instance_id", s.image(), "form_data", Map.of())).json().get("id").asLong();
        long tag = admin.post("/api/tags", Map.of("name", unique("unsure"), "tag_type", "FormAnnotation",
                "description", "")).json().get("id").asLong();
        JsonNode attached = grader.post("/api/form-annotations/" + form + "/tags", Map.of("tag_id", tag, "comment", "why"))
                .json();

        JsonNode one = grader.get("/api/form-annotations/" + form).json().get("tags");
        assertThat(one).hasSize(1);
        assertThat(one.get(0)).as("the TagMeta the attach answered").isEqualTo(attached);
        JsonNode listed = grader.get("/api/form-annotations?image_instance_id=" + s.image()).json();
        assertThat(ids(listed)).containsExactly(form);
        assertThat(listed.get(0).get("tags")).hasSize(1);
        assertThat(listed.get(0).get("tags").get(0)).isEqualTo(attached);
        JsonNode onInstance = grader.get("/api/instances/" + s.image() + "?with_form_annotations=true").json()
                .get("form_annotations");
        assertThat(onInstance.get(0).get("tags").get(0)).isEqualTo(attached);

        assertThat(grader.delete("/api/form-annotations/" + form + "/tags/" + tag).status()).isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + form).json().get("tags")).isEmpty();
    }

    @Test
    void historyTakesSnakeCaseAndKebabCaseTypeNames() throws IOException {
        Api admin = admin();
        Setup s = setup(admin);
        long schema = schema(admin, FREE_SCHEMA);
        long form = admin.post("/api/form-annotations", Map.of("form_schema_id", schema, "patient_id", s.patient(),
                "form_data", Map.of())).json().get("id").asLong();
        long definition = admin.get("/api/task/" + s.task()).json().get("task_definition").get("id").asLong();
        long device = admin.post("/api/devices", Map.of("manufacturer", unique("Topcon"), "model", "Maestro")).json()
                .get("id").asLong();
        Map<String, Long> objects = Map.ofEntries(Map.entry("form_annotation", form), Map.entry("form-annotation", form),
                Map.entry("FormAnnotation", form), Map.entry("form_schema", schema), Map.entry("form-schema", schema),
                Map.entry("sub_task", s.subTask()), Map.entry("sub-task", s.subTask()),
                Map.entry("subtask", s.subTask()), Map.entry("task_definition", definition),
                Map.entry("task-definition", definition), Map.entry("device", device),
                Map.entry("device_model", device), Map.entry("DeviceModel", device));
        for (Map.Entry<String, Long> object : objects.entrySet()) {
            Api.Response history = admin.get("/api/history/" + object.getKey() + "/" + object.getValue());
            assertThat(history.status()).as(object.getKey() + ": " + history).isEqualTo(200);
            JsonNode created = history.json().get(0);
            assertThat(created.get("type").asText()).as(object.getKey()).matches(".*(Created|Registered)");
            assertThat(created.get("position").asLong()).as(object.getKey()).isPositive();
            assertThat(created.get("request_id").asText()).as(object.getKey()).isNotBlank();
            // the feed takes the same spellings and answers the canonical one
            JsonNode feed = admin.get("/api/history?limit=1&after=" + (created.get("position").asLong() - 1)
                    + "&entity_type=" + object.getKey()).json().get("events");
            assertThat(feed).as(object.getKey()).hasSize(1);
            assertThat(feed.get(0).get("entity_id").asLong()).as(object.getKey()).isEqualTo(object.getValue());
            assertThat(feed.get(0).get("entity_type").asText()).as(object.getKey())
                    .isEqualTo(canonical(object.getKey()));
        }
        for (String modelSegmentation : List.of("model_segmentation", "model-segmentation", "ModelSegmentation")) {
            assertThat(admin.get("/api/history/" + modelSegmentation + "/99999999").detail()).as("a known type")
                    .isEqualTo("ModelSegmentation not found");
        }
        assertThat(admin.get("/api/history/model/99999999").detail()).isEqualTo("Model not found");
        assertThat(admin.get("/api/history/image_instance/" + s.image()).json().get(0).get("type").asText())
                .isEqualTo(admin.get("/api/history/instance/" + s.image()).json().get(0).get("type").asText());
        assertThat(admin.get("/api/history/form_annotation/99999999").detail()).isEqualTo("FormAnnotation not found");
        assertThat(admin.get("/api/history/planet_x/1").status()).isEqualTo(404);
        long graderId = newUser("history-reader").get("/api/auth/me").json().get("id").asLong();
        Api grader = newUser("nosy-grader");
        assertThat(grader.get("/api/history/User/" + graderId).status()).as("user histories stay admin-only")
                .isEqualTo(403);
        assertThat(grader.get("/api/history/USER/" + graderId).status()).isEqualTo(403);
        assertThat(admin.get("/api/history/User/" + graderId).status()).isEqualTo(200);
    }

    @Test
    void theViewersAutosaveIsNeverRefusedAndReadyWaitsForValidForms() throws IOException {
        Api admin = admin();
        Setup s = setup(admin);
        long schema = schema(admin, ACUITY_SCHEMA);
        Api grader = newUser("viewer-grader");

        // the viewer: create with {} and the sub-task, then autosave partial values
        Api.Response created = grader.post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", s.patient(), "study_id", s.study(), "image_instance_id", s.image(),
                "sub_task_id", s.subTask(), "form_data", Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        long form = created.json().get("id").asLong();
        JsonNode validation = created.json().get("validation");
        assertThat(validation.get("valid").asBoolean()).isFalse();
        assertThat(paths(validation)).containsExactly("/drusen", "/visual_acuity");

        assertThat(putValue(grader, form, "{\"visual_acuity\": 0.5}").status()).isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + form + "/value").json().get("visual_acuity").asDouble())
                .isEqualTo(0.5);
        assertThat(paths(grader.get("/api/form-annotations/" + form).json().get("validation")))
                .containsExactly("/drusen");

        assertThat(putValue(grader, form, "{\"visual_acuity\": 0.5, \"drusen\": \"small\"}").status()).isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + form).json().get("validation").get("valid").asBoolean()).isTrue();

        // a slip of the finger: out of range, still stored
        assertThat(putValue(grader, form, "{\"visual_acuity\": 7, \"drusen\": \"small\"}").status()).isEqualTo(204);
        JsonNode stored = grader.get("/api/form-annotations/" + form).json();
        assertThat(stored.get("form_data").get("visual_acuity").asInt()).isEqualTo(7);
        assertThat(stored.get("validation").get("valid").asBoolean()).isFalse();
        assertThat(paths(stored.get("validation"))).containsExactly("/visual_acuity");
        assertThat(stored.get("validation").get("errors").get(0).get("message").asText()).contains("2");
        JsonNode onInstance = grader.get("/api/instances/" + s.image() + "?with_form_annotations=true").json()
                .get("form_annotations").get(0);
        assertThat(onInstance.get("validation")).isEqualTo(stored.get("validation"));
        assertThat(ids(grader.get("/api/form-annotations?valid=false&sub_task_id=" + s.subTask()).json()))
                .containsExactly(form);
        assertThat(ids(grader.get("/api/form-annotations?valid=true&sub_task_id=" + s.subTask()).json())).isEmpty();
        assertThat(grader.get("/api/form-annotations?valid=maybe").status()).isEqualTo(422);

        Api.Response refused = grader.patch("/api/subtasks/" + s.subTask(), Map.of("task_state", "Ready"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("invalid");
        JsonNode invalid = refused.json().get("invalid_form_annotations");
        assertThat(ids(invalid)).containsExactly(form);
        assertThat(paths(invalid.get(0))).containsExactly("/visual_acuity");
        assertThat(grader.get("/api/subtasks/" + s.subTask()).json().get("task_state").asText()).isEqualTo("NotStarted");
        assertThat(grader.patch("/api/subtasks/" + s.subTask(), Map.of("task_state", "Busy")).status())
                .as("other states are not guarded").isEqualTo(200);

        // the fix, through PATCH this time
        Api.Response fixed = grader.patch("/api/form-annotations/" + form,
                Map.of("form_data", Map.of("visual_acuity", 1.0, "drusen", "small")));
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.json().get("validation").get("valid").asBoolean()).isTrue();
        assertThat(fixed.json().get("validation").get("errors")).isEmpty();
        assertThat(ids(grader.get("/api/form-annotations?valid=false&sub_task_id=" + s.subTask()).json())).isEmpty();
        Api.Response ready = grader.patch("/api/subtasks/" + s.subTask(), Map.of("task_state", "Ready"));
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().get("task_state").asText()).isEqualTo("Ready");

        // malformed requests are still refused
        assertThat(grader.post("/api/form-annotations", Map.of("patient_id", s.patient())).status()).isEqualTo(422);
        assertThat(putValue(grader, form, "{oops").status()).isEqualTo(422);
        assertThat(grader.get("/api/form-annotations/" + form + "/value").json().get("visual_acuity").asDouble())
                .isEqualTo(1.0);
        assertThat(admin.get("/api/history/form_annotation/" + form).body()).doesNotContain("valid");
    }

    @Test
    void aStrictSchemaStillRefusesInvalidSaves() throws IOException {
        Api admin = admin();
        Setup s = setup(admin);
        Map<String, Object> strict = new java.util.HashMap<>(ACUITY_SCHEMA);
        strict.put("x-macula-strict", true);
        long schema = schema(admin, strict);
        Api script = newUser("api-script");

        Api.Response empty = script.post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", s.patient(), "form_data", Map.of()));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("detail").findValuesAsText("type")).containsOnly("json_schema");
        Api.Response created = script.post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", s.patient(), "form_data", Map.of("visual_acuity", 1, "drusen", "none")));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("validation").get("valid").asBoolean()).isTrue();
        long form = created.json().get("id").asLong();
        Api.Response outOfRange = putValue(script, form, "{\"visual_acuity\": 7, \"drusen\": \"none\"}");
        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"form_data\",\"visual_acuity\"]");
        assertThat(script.patch("/api/form-annotations/" + form, Map.of("form_data", Map.of("drusen", "none"))).status())
                .isEqualTo(422);
        assertThat(script.get("/api/form-annotations/" + form + "/value").json().get("visual_acuity").asInt())
                .as("refused saves change nothing").isEqualTo(1);
    }
}
