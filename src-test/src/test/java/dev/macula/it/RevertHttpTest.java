package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST …/revert} (issue 14 item 4): every revertable object brought back to a past state with
 * ordinary events carrying {@code reverted_to}, undeletes, reverts of reverts, nothing-to-do, the 409
 * before an object existed, the 422s of {@code as_of}, and a segmentation's {@code {"version": n}}.
 */
class RevertHttpTest extends HttpTestBase {

    private JsonNode historyOf(String type, long id) {
        Api.Response response = admin().get("/api/history/" + type + "/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private long lastPosition(String type, long id) {
        JsonNode history = historyOf(type, id);
        return history.get(history.size() - 1).get("position").asLong();
    }

    /** The types of the object's events after a position (a segmentation's GET does not show its tags). */
    private List<String> eventsAfter(String type, long id, long position) {
        List<String> types = new ArrayList<>();
        historyOf(type, id).forEach(entry -> {
            if (entry.get("position").asLong() > position) {
                types.add(entry.get("type").asText());
            }
        });
        return types;
    }

    private long firstPosition(String type, long id) {
        return historyOf(type, id).get(0).get("position").asLong();
    }

    private static Api.Response revert(Api client, String path, Object asOf) {
        return client.post(path, Map.of("as_of", asOf));
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    /** The {@code reverted_to} of every event of the aggregate after {@code after}, from the event store. */
    private static List<Long> revertedTo(String aggregate, long after) throws Exception {
        List<Long> marks = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.USER, TestDatabase.PASSWORD);
             PreparedStatement query = c.prepareStatement("""
                     select convert_from(metadata, 'UTF8')::jsonb ->> 'reverted_to' from domainevententry
                     where aggregateidentifier = ? and globalindex > ? order by globalindex""")) {
            query.setString(1, aggregate);
            query.setLong(2, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    marks.add(rows.getString(1) == null ? null : Long.valueOf(rows.getString(1)));
                }
            }
        }
        return marks;
    }

    private long image(Api client) throws IOException {
        return client.post("/api/import/image", ImagingHttpTest.request(unique("revert"), "R", "2024-03-03",
                        ImagingHttpTest.png("revert", 10, 10), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();
    }

    private long tag(Api client, String type) {
        return client.post("/api/tags", Map.of("name", unique("revert"), "tag_type", type, "description", "d"))
                .json().get("id").asLong();
    }

    private long segmentation(Api client, long image, long feature) throws IOException {
        Map<String, Object> metadata = new HashMap<>(Map.of("image_instance_id", image, "depth", 1, "height", 10,
                "width", 10, "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature));
        Api.Response created = client.multipart("/api/segmentations", List.of(new Api.Part("metadata", null,
                "text/plain", Api.JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8))));
        return ok(created).json().get("id").asLong();
    }

    private static NdArray filled(int value) {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) value);
        return new NdArray(DType.UINT8, new int[]{1, 10, 10}, data);
    }

    private static List<String> checksums(Api client, long segmentation) {
        List<String> checksums = new ArrayList<>();
        ok(client.get("/api/segmentations/" + segmentation + "/versions")).json()
                .forEach(version -> checksums.add(version.get("checksum").asText()));
        return checksums;
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asLong()));
        return ids;
    }

    @Test
    void aSegmentationComesBackWithMetadataTagsDataAndActiveFlagAndARevertIsRevertable() throws Exception {
        Api admin = admin();
        long image = image(admin);
        long first = admin.post("/api/features", Map.of("name", unique("Drusen"))).json().get("id").asLong();
        long second = admin.post("/api/features", Map.of("name", unique("Edema"))).json().get("id").asLong();
        long tag = tag(admin, "Segmentation");
        Api grader = newUser("reverter");
        long id = segmentation(grader, image, first);
        long created = lastPosition("segmentation", id);
        String original = ok(grader.get("/api/segmentations/" + id)).body();

        ok(grader.patch("/api/segmentations/" + id, Map.of("feature_id", second)));
        ok(grader.post("/api/segmentations/" + id + "/tags", Map.of("tag_id", tag, "comment", "seen")));
        ok(grader.sendBytes("PUT", "/api/segmentations/" + id + "/data", Npy.write(filled(1)),
                "application/octet-stream", Map.of()));
        assertThat(grader.delete("/api/segmentations/" + id).status()).isEqualTo(204);
        long edited = lastPosition("segmentation", id);
        String editedView = ok(grader.get("/api/segmentations/" + id)).body();
        assertThat(ids(ok(grader.get("/api/instances/" + image + "?with_segmentations=true")).json().get("segmentations"))).doesNotContain(id);

        JsonNode restored = ok(revert(grader, "/api/segmentations/" + id + "/revert", created)).json();
        assertThat(restored.get("feature").get("id").asLong()).isEqualTo(first);
        assertThat(restored.get("data_version").asInt()).isEqualTo(3);
        assertThat(eventsAfter("segmentation", id, edited)).containsExactly("SegmentationReactivated",
                "SegmentationUpdated", "SegmentationDataWritten", "TagDetached");
        assertThat(restored.toString()).isEqualTo(ok(grader.get("/api/segmentations/" + id)).json().toString());
        List<String> checksums = checksums(grader, id);
        assertThat(checksums).hasSize(3);
        assertThat(checksums.get(2)).as("old data as a new version").isEqualTo(checksums.get(0));
        assertThat(ids(ok(grader.get("/api/instances/" + image + "?with_segmentations=true")).json().get("segmentations")))
                .as("active again").contains(id);
        List<Long> marks = revertedTo("segmentation:" + id, edited);
        assertThat(marks).isNotEmpty().containsOnly(created);
        assertThat(revertedTo("segmentation:" + id, created).subList(0, 4)).containsOnly((Long) null);

        // the revert is history too: going back to before it undoes it
        long reverted = lastPosition("segmentation", id);
        JsonNode again = ok(revert(grader, "/api/segmentations/" + id + "/revert", edited)).json();
        assertThat(again.get("feature").get("id").asLong()).isEqualTo(second);
        assertThat(eventsAfter("segmentation", id, reverted)).containsExactly("SegmentationUpdated",
                "SegmentationDataWritten", "TagAttached", "SegmentationDeactivated");
        assertThat(checksums(grader, id).get(3)).isEqualTo(checksums.get(1));
        assertThat(ids(ok(grader.get("/api/instances/" + image + "?with_segmentations=true")).json().get("segmentations"))).doesNotContain(id);
        assertThat(revertedTo("segmentation:" + id, reverted)).isNotEmpty().containsOnly(edited);
        JsonNode againView = Api.JSON.readTree(editedView);
        assertThat(again.get("reference_segmentation_id")).isEqualTo(againView.get("reference_segmentation_id"));

        // nothing to change: 200, no new event
        int events = historyOf("segmentation", id).size();
        JsonNode unchanged = ok(revert(grader, "/api/segmentations/" + id + "/revert", edited)).json();
        assertThat(unchanged.toString()).isEqualTo(again.toString());
        assertThat(historyOf("segmentation", id)).hasSize(events);

        // before it existed, a bad moment, no moment
        Api.Response before = revert(grader, "/api/segmentations/" + id + "/revert", firstPosition("segmentation", id) - 1);
        assertThat(before.status()).as(before.toString()).isEqualTo(409);
        assertThat(before.detail()).contains("did not exist");
        for (Object bad : new Object[]{"yesterday", -1, "2999-01-01T00:00:00Z"}) {
            Api.Response response = revert(grader, "/api/segmentations/" + id + "/revert", bad);
            assertThat(response.status()).as(bad + ": " + response).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"as_of\"]");
        }
        Api.Response missing = grader.post("/api/segmentations/" + id + "/revert", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"as_of\"]");
        Api.Response unknown = revert(grader, "/api/segmentations/99999999/revert", created);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Segmentation not found");
        assertThat(revert(anonymous(), "/api/segmentations/" + id + "/revert", created).status()).isEqualTo(401);
        assertThat(original).isNotEqualTo(editedView);
    }

    @Test
    void aSegmentationVersionBecomesTheNewestWithIfMatchAsOnPutData() {
        Api admin = admin();
        long id;
        try {
            long image = image(admin);
            long feature = admin.post("/api/features", Map.of("name", unique("Vessels"))).json().get("id").asLong();
            id = segmentation(admin, image, feature);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ok(admin.sendBytes("PUT", "/api/segmentations/" + id + "/data", Npy.write(filled(2)),
                "application/octet-stream", Map.of()));
        String path = "/api/segmentations/" + id + "/revert";
        byte[] versionOne = "{\"version\": 1}".getBytes(StandardCharsets.UTF_8);

        Api.Response stale = admin.sendBytes("POST", path, versionOne, "application/json", Map.of("If-Match", "1"));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.detail()).startsWith("Segmentation data is at version 2, not 1");
        Api.Response garbled = admin.sendBytes("POST", path, versionOne, "application/json", Map.of("If-Match", "abc"));
        assertThat(garbled.status()).as(garbled.toString()).isEqualTo(400);
        Api.Response noSuchVersion = admin.sendBytes("POST", path, "{\"version\": 7}".getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of());
        assertThat(noSuchVersion.status()).isEqualTo(422);
        assertThat(noSuchVersion.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"version\"]");

        JsonNode restored = ok(admin.sendBytes("POST", path, versionOne, "application/json",
                Map.of("If-Match", "\"2\""))).json();
        assertThat(restored.get("data_version").asInt()).isEqualTo(3);
        List<String> checksums = checksums(admin, id);
        assertThat(checksums.get(2)).isEqualTo(checksums.get(0));
        // already that data: nothing to do
        int events = historyOf("segmentation", id).size();
        ok(admin.sendBytes("POST", path, versionOne, "application/json", Map.of()));
        assertThat(historyOf("segmentation", id)).hasSize(events);
        // without If-Match the revert is unconditional, like a PUT without it
        JsonNode back = ok(admin.sendBytes("POST", path, "{\"version\": 2}".getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of())).json();
        assertThat(back.get("data_version").asInt()).isEqualTo(4);
        assertThat(checksums(admin, id).get(3)).isEqualTo(checksums.get(1));
    }

    @Test
    void aFormAnnotationComesBackWithItsDataTagsAndActiveFlag() throws Exception {
        Api admin = admin();
        long schema = admin.post("/api/form-schemas", Map.of("name", unique("revert form"), "schema", Map.of(
                "type", "object", "properties", Map.of("drusen", Map.of("type", "string"))))).json().get("id").asLong();
        long image = image(admin);
        JsonNode instance = admin.get("/api/instances/" + image).json();
        long patient = instance.get("patient").get("id").asLong();
        long tag = tag(admin, "FormAnnotation");
        Api grader = newUser("form-reverter");
        long id = ok(grader.post("/api/form-annotations", Map.of("form_schema_id", schema, "patient_id", patient,
                "image_instance_id", image, "form_data", Map.of("drusen", "small")))).json().get("id").asLong();
        long created = lastPosition("form-annotation", id);

        ok(grader.patch("/api/form-annotations/" + id, Map.of("form_data", Map.of("drusen", "large"))));
        ok(grader.post("/api/form-annotations/" + id + "/tags", Map.of("tag_id", tag)));
        assertThat(grader.delete("/api/form-annotations/" + id).status()).isEqualTo(204);
        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient).json())).doesNotContain(id);
        long deleted = lastPosition("form-annotation", id);

        JsonNode restored = ok(revert(grader, "/api/form-annotations/" + id + "/revert", created)).json();
        assertThat(restored.get("form_data").toString()).isEqualTo("{\"drusen\":\"small\"}");
        assertThat(restored.get("tags").size()).isZero();
        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient).json())).contains(id);
        assertThat(grader.get("/api/form-annotations/" + id + "/value").json().toString()).isEqualTo("{\"drusen\":\"small\"}");
        assertThat(revertedTo("form-annotation:" + id, deleted)).isNotEmpty().containsOnly(created);

        long reverted = lastPosition("form-annotation", id);
        JsonNode undone = ok(revert(grader, "/api/form-annotations/" + id + "/revert", deleted)).json();
        assertThat(undone.get("form_data").toString()).isEqualTo("{\"drusen\":\"large\"}");
        assertThat(ids(undone.get("tags"))).containsExactly(tag);
        assertThat(ids(grader.get("/api/form-annotations?patient_id=" + patient).json())).doesNotContain(id);
        assertThat(revertedTo("form-annotation:" + id, reverted)).isNotEmpty().containsOnly(deleted);

        int events = historyOf("form-annotation", id).size();
        ok(revert(grader, "/api/form-annotations/" + id + "/revert", deleted));
        assertThat(historyOf("form-annotation", id)).hasSize(events);
        Api.Response before = revert(grader, "/api/form-annotations/" + id + "/revert", created - 1);
        assertThat(before.status()).as(before.toString()).isEqualTo(409);
        Api.Response bad = revert(grader, "/api/form-annotations/" + id + "/revert", "not a moment");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"as_of\"]");
        assertThat(revert(grader, "/api/form-annotations/99999999/revert", created).detail())
                .isEqualTo("FormAnnotation not found");
    }

    @Test
    void tasksAndSubTasksComeBackAlsoAfterDeletion() throws Exception {
        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("revert"))).json().get("id").asLong();
        long task = ok(admin.post("/api/task", Map.of("name", unique("campaign"), "task_definition_id", definition)))
                .json().get("id").asLong();
        long a = image(admin);
        long b = image(admin);
        Api grader = newUser("task-reverter");
        long subTask = ok(grader.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(a))))
                .json().get("id").asLong();
        long subTaskCreated = lastPosition("subtask", subTask);
        String subTaskThen = ok(grader.get("/api/subtasks/" + subTask + "?with_images=true")).body();

        ok(grader.patch("/api/subtasks/" + subTask, Map.of("comments", "half done", "task_state", "Busy")));
        ok(grader.post("/api/subtasks/" + subTask + "/images", Map.of("instance_id", b)));
        long subTaskEdited = lastPosition("subtask", subTask);
        JsonNode restored = ok(revert(grader, "/api/subtasks/" + subTask + "/revert?with_images=true", subTaskCreated)).json();
        assertThat(restored.toString()).as("comments empty again, NotStarted, one image")
                .isEqualTo(Api.JSON.readTree(subTaskThen).toString());
        assertThat(revertedTo("subtask:" + subTask, subTaskEdited)).isNotEmpty().containsOnly(subTaskCreated);

        assertThat(grader.delete("/api/subtasks/" + subTask).status()).isEqualTo(204);
        assertThat(grader.get("/api/subtasks/" + subTask).status()).isEqualTo(404);
        JsonNode undeleted = ok(revert(grader, "/api/subtasks/" + subTask + "/revert?with_images=true", subTaskEdited)).json();
        assertThat(undeleted.get("comments").asText()).isEqualTo("half done");
        assertThat(undeleted.get("task_state").asText()).isEqualTo("Busy");
        assertThat(ids(undeleted.get("images"))).containsExactly(a, b);
        ok(grader.patch("/api/subtasks/" + subTask, Map.of("comments", "after the undelete")));

        // the task: an edit undone, then a deletion undone with its sub-tasks
        long taskCreated = lastPosition("task", task);
        String taskThen = ok(admin.get("/api/task/" + task)).body();
        ok(admin.patch("/api/task/" + task, Map.of("name", unique("renamed"), "description", "now described",
                "task_state", "Busy")));
        JsonNode taskRestored = ok(revert(admin, "/api/task/" + task + "/revert", taskCreated)).json();
        assertThat(taskRestored.toString()).isEqualTo(Api.JSON.readTree(taskThen).toString());
        long beforeDelete = lastPosition("task", task);
        int subTaskEvents = historyOf("subtask", subTask).size();
        assertThat(admin.delete("/api/task/" + task).status()).isEqualTo(204);
        long taskDeleted = lastPosition("task", task);
        assertThat(admin.get("/api/subtasks/" + subTask).status()).isEqualTo(404);
        JsonNode taskBack = ok(revert(admin, "/api/task/" + task + "/revert", beforeDelete)).json();
        assertThat(taskBack.get("num_tasks").asInt()).isEqualTo(1);
        assertThat(taskBack.get("date_inserted").asText()).isEqualTo(Api.JSON.readTree(taskThen).get("date_inserted").asText());
        JsonNode subTaskBack = ok(admin.get("/api/subtasks/" + subTask + "?with_images=true")).json();
        assertThat(subTaskBack.get("comments").asText()).isEqualTo("after the undelete");
        assertThat(historyOf("subtask", subTask)).hasSize(subTaskEvents + 1);
        assertThat(revertedTo("task:" + task, taskDeleted)).isNotEmpty().containsOnly(beforeDelete);

        int events = historyOf("task", task).size();
        ok(revert(admin, "/api/task/" + task + "/revert", beforeDelete));
        assertThat(historyOf("task", task)).hasSize(events);
        Api.Response before = revert(admin, "/api/task/" + task + "/revert", firstPosition("task", task) - 1);
        assertThat(before.status()).as(before.toString()).isEqualTo(409);
        assertThat(revert(admin, "/api/task/99999999/revert", beforeDelete).detail()).isEqualTo("Task not found");
        assertThat(revert(admin, "/api/subtasks/" + subTask + "/revert", "tomorrow").status()).isEqualTo(422);
    }

    @Test
    void featuresTagsAndTheTagSetsOfImagesAndStudiesComeBack() throws Exception {
        Api admin = admin();
        String name = unique("Hemorrhage");
        long feature = admin.post("/api/features", Map.of("name", name)).json().get("id").asLong();
        long featureCreated = lastPosition("feature", feature);
        String featureThen = ok(admin.get("/api/features/" + feature)).body();
        ok(admin.patch("/api/features/" + feature, Map.of("name", unique("renamed"))));
        assertThat(ok(revert(admin, "/api/features/" + feature + "/revert", featureCreated)).json().get("name").asText())
                .isEqualTo(name);
        long beforeDelete = lastPosition("feature", feature);
        assertThat(admin.delete("/api/features/" + feature).status()).isEqualTo(204);
        long featureDeleted = lastPosition("feature", feature);
        assertThat(admin.get("/api/features/" + feature).status()).isEqualTo(404);
        JsonNode featureBack = ok(revert(admin, "/api/features/" + feature + "/revert", beforeDelete)).json();
        assertThat(featureBack.toString()).isEqualTo(Api.JSON.readTree(featureThen).toString());
        assertThat(revertedTo("feature:" + feature, featureDeleted)).isNotEmpty().containsOnly(beforeDelete);
        ok(admin.patch("/api/features/" + feature, Map.of("name", unique("alive again"))));

        // a tag: name and description, and back from deletion
        long tag = tag(admin, "ImageInstance");
        long tagCreated = lastPosition("tag", tag);
        ok(admin.patch("/api/tags/" + tag, Map.of("description", "changed", "name", unique("tag renamed"))));
        JsonNode tagBack = ok(revert(admin, "/api/tags/" + tag + "/revert", tagCreated)).json();
        assertThat(tagBack.get("description").asText()).isEqualTo("d");
        long tagBeforeDelete = lastPosition("tag", tag);
        assertThat(admin.delete("/api/tags/" + tag).status()).isEqualTo(204);
        assertThat(ok(revert(admin, "/api/tags/" + tag + "/revert", tagBeforeDelete)).json().toString())
                .isEqualTo(tagBack.toString());
        assertThat(ids(admin.get("/api/tags?tag_type=ImageInstance").json())).contains(tag);
        int tagEvents = historyOf("tag", tag).size();
        ok(revert(admin, "/api/tags/" + tag + "/revert", tagBeforeDelete));
        assertThat(historyOf("tag", tag)).hasSize(tagEvents);

        // an image's tag set: a link added and a comment set are undone; the answer is the GET's tags
        long image = image(admin);
        long other = tag(admin, "ImageInstance");
        Api grader = newUser("tag-reverter");
        ok(grader.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag)));
        long tagged = lastPosition("instance", image);
        ok(grader.post("/api/instances/" + image + "/tags", Map.of("tag_id", other)));
        ok(grader.patch("/api/instances/" + image + "/tags/" + tag, Map.of("comment", "a second look")));
        long retagged = lastPosition("instance", image);
        JsonNode tags = ok(revert(grader, "/api/instances/" + image + "/tags/revert", tagged)).json();
        assertThat(ids(tags)).containsExactly(tag);
        assertThat(tags.get(0).get("comment").isNull()).isTrue();
        assertThat(tags.toString()).isEqualTo(ok(grader.get("/api/instances/" + image + "?with_tag_metadata=true")).json().get("tags").toString());
        assertThat(revertedTo("instance:" + image, retagged)).isNotEmpty().containsOnly(tagged);
        JsonNode undone = ok(revert(grader, "/api/instances/" + image + "/tags/revert", retagged)).json();
        assertThat(ids(undone)).containsExactlyInAnyOrder(tag, other);
        int imageEvents = historyOf("instance", image).size();
        ok(revert(grader, "/api/instances/" + image + "/tags/revert", retagged));
        assertThat(historyOf("instance", image)).hasSize(imageEvents);

        // a study's tag set
        long study = admin.get("/api/instances/" + image).json().get("study").get("id").asLong();
        long studyTag = tag(admin, "Study");
        long untagged = lastPosition("study", study);
        ok(grader.post("/api/studies/" + study + "/tags", Map.of("tag_id", studyTag, "comment", "x")));
        assertThat(ok(revert(grader, "/api/studies/" + study + "/tags/revert", untagged)).json().size()).isZero();
        assertThat(admin.get("/api/studies/" + study + "?with_tag_metadata=true").json().get("tags").size()).isZero();
        Api.Response beforeStudy = revert(grader, "/api/studies/" + study + "/tags/revert",
                firstPosition("study", study) - 1);
        assertThat(beforeStudy.status()).as(beforeStudy.toString()).isEqualTo(409);
        assertThat(revert(grader, "/api/instances/99999999/tags/revert", untagged).detail())
                .isEqualTo("ImageInstance not found");
        assertThat(revert(grader, "/api/features/" + feature + "/revert", "soon").status()).isEqualTo(422);
    }
}
