package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Form annotations with validated attachments and data whose validity is reported (docs/api.md §3.5, docs/api.md §7). */
class FormAnnotationsHttpTest extends HttpTestBase {

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void gradersFillValidatedFormsOnImagesAndStudies() throws IOException {
        Api admin = admin();
        long schema = admin.post("/api/form-schemas", Map.of("name", unique("AMD form"), "schema", Map.of(
                "type", "object", "properties", Map.of(
                        "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large")),
                        "ga", Map.of("type", "boolean"))))).json().get("id").asLong();
        JsonNode imported = admin.post("/api/import/image", ImagingHttpTest.request(unique("forms"), "F1", "2024-07-07",
                ImagingHttpTest.png("forms", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL)).json();
        long image = imported.get("data").get("image_ids").get(0).asLong();
        JsonNode instance = admin.get("/api/instances/" + image).json();
        long patient = instance.get("patient").get("id").asLong();
        long study = instance.get("study").get("id").asLong();
        Api grader = newUser("form-grader");
        long graderId = grader.get("/api/auth/me").json().get("id").asLong();

        Map<String, Object> body = new HashMap<>(Map.of("form_schema_id", schema, "patient_id", patient,
                "study_id", study, "image_instance_id", image, "form_data", Map.of("drusen", "small")));
        Api.Response created = grader.post("/api/form-annotations", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode form = created.json();
        assertThat(form.get("laterality").asText()).as("defaults to the image's").isEqualTo("R");
        assertThat(form.get("object_type").asText()).isEqualTo("image_instance");
        assertThat(form.get("annotation_type").asText()).isEqualTo("grader_form");
        assertThat(form.get("creator").get("id").asLong()).isEqualTo(graderId);
        long id = form.get("id").asLong();

        Api.Response invalid = grader.post("/api/form-annotations", Map.of("form_schema_id", schema, "patient_id", patient,
                "form_data", Map.of("drusen", "huge", "ga", "yes")));
        assertThat(invalid.status()).as("stored and reported, not refused (docs/api.md §7.2)").isEqualTo(200);
        assertThat(invalid.json().get("validation").get("valid").asBoolean()).isFalse();
        assertThat(invalid.json().get("validation").get("errors").findValuesAsText("path")).containsExactly("/drusen", "/ga");
        assertThat(grader.delete("/api/form-annotations/" + invalid.json().get("id").asLong()).status()).isEqualTo(204);
        Map<String, Object> wrongEye = new HashMap<>(body);
        wrongEye.put("laterality", "L");
        assertThat(grader.post("/api/form-annotations", wrongEye).status()).isEqualTo(422);
        Map<String, Object> otherPatient = new HashMap<>(body);
        otherPatient.put("patient_id", 99999999);
        assertThat(grader.post("/api/form-annotations", otherPatient).status()).isEqualTo(422);

        long studyForm = grader.post("/api/form-annotations", Map.of("form_schema_id", schema, "patient_id", patient,
                "study_id", study)).json().get("id").asLong();
        assertThat(grader.get("/api/form-annotations/" + studyForm).json().get("object_type").asText()).isEqualTo("study");

        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient).json())).containsExactly(id, studyForm);
        assertThat(ids(grader.get("/api/form-annotations?image_instance_id=" + image).json())).containsExactly(id);
        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient + "&creator_id=" + graderId
                + "&limit=1&page=1").json())).containsExactly(studyForm);
        assertThat(grader.get("/api/form-annotations?patient_id=abc").status()).isEqualTo(422);

        assertThat(grader.sendBytes("PUT", "/api/form-annotations/" + id + "/value",
                "{\"drusen\":\"large\",\"ga\":true}".getBytes(), "application/json", Map.of()).status()).isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + id + "/value").body()).contains("\"large\"");
        assertThat(grader.sendBytes("PUT", "/api/form-annotations/" + id + "/value", "{\"ga\": 3}".getBytes(),
                "application/json", Map.of()).status()).as("the viewer's autosave is never refused").isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + id).json().get("validation").get("errors")
                .findValuesAsText("path")).containsExactly("/ga");
        assertThat(grader.sendBytes("PUT", "/api/form-annotations/" + id + "/value", "{oops".getBytes(),
                "application/json", Map.of()).status()).isEqualTo(422);

        long tag = admin.post("/api/tags", Map.of("name", unique("recheck"), "tag_type", "FormAnnotation",
                "description", "")).json().get("id").asLong();
        assertThat(grader.post("/api/form-annotations/" + id + "/tags", Map.of("tag_id", tag, "comment", "why"))
                .json().get("comment").asText()).isEqualTo("why");
        JsonNode withForms = grader.get("/api/instances/" + image + "?with_form_annotations=true&with_tag_metadata=true")
                .json().get("form_annotations");
        assertThat(ids(withForms)).containsExactly(id);
        assertThat(withForms.get(0).get("tags").get(0).get("comment").asText()).isEqualTo("why");

        assertThat(grader.patch("/api/form-annotations/" + id, Map.of("form_data", Map.of("drusen", "none"))).json()
                .get("form_data").get("drusen").asText()).isEqualTo("none");
        assertThat(grader.delete("/api/form-annotations/" + id).status()).isEqualTo(204);
        assertThat(grader.get("/api/form-annotations/" + id).status()).as("soft-deleted stays readable").isEqualTo(200);
        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient).json())).containsExactly(studyForm);
        assertThat(grader.get("/api/form-annotations/99999999").detail()).isEqualTo("FormAnnotation not found");
        assertThat(admin.get("/api/history/form-annotation/" + id).json().findValuesAsText("type"))
                .containsSubsequence("FormAnnotationCreated", "FormDataReplaced", "TagAttached", "FormAnnotationDeactivated");
    }
}
