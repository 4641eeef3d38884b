package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/admin/rollbacks}: one grader's changes in a window are put back to their state at
 * {@code since} — dry run first, conflicts with later work of others, {@code force}, {@code until}, and
 * the audit trail (the admin as actor, the rollback's id in the event metadata). Tag links here; the
 * objects with restorers of their own (form annotations, subtasks, segmentations) further down.
 */
class RollbackHttpTest extends HttpTestBase {

    @Autowired
    JdbcTemplate jdbc;

    /** An image, its study and a few tags of each kind, created by the admin. */
    private record Scene(long image, long study, List<Long> imageTags, List<Long> studyTags) {
    }

    private record Grader(Api client, long id, String name) {
    }

    private Scene scene() throws Exception {
        Api admin = admin();
        JsonNode imported = admin.post("/api/import/image", ImagingHttpTest.request(unique("rollback"), "R1", "2024-03-03",
                ImagingHttpTest.png("rollback", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL)).json();
        long image = imported.get("data").get("image_ids").get(0).asLong();
        long study = admin.get("/api/instances/" + image).json().get("study").get("id").asLong();
        List<Long> imageTags = new ArrayList<>();
        List<Long> studyTags = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            imageTags.add(tag(admin, "ImageInstance"));
            studyTags.add(tag(admin, "Study"));
        }
        return new Scene(image, study, imageTags, studyTags);
    }

    private static long tag(Api admin, String type) {
        Api.Response created = admin.post("/api/tags", Map.of("name", unique("rb-" + type), "tag_type", type,
                "description", "rollback test"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    private Grader grader(String prefix) {
        Api client = newUser(prefix);
        JsonNode me = client.get("/api/auth/me").json();
        return new Grader(client, me.get("id").asLong(), me.get("username").asText());
    }

    /** A moment strictly between what happened before and what happens after (events are stamped in ms). */
    private static Instant moment() throws InterruptedException {
        Thread.sleep(15);
        Instant now = Instant.now();
        Thread.sleep(15);
        return now;
    }

    private static void attach(Grader grader, String path, long tag, String comment) {
        Map<String, Object> body = new HashMap<>(Map.of("tag_id", tag));
        if (comment != null) {
            body.put("comment", comment);
        }
        Api.Response attached = grader.client().post(path + "/tags", body);
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
    }

    private static void detach(Grader grader, String path, long tag) {
        assertThat(grader.client().delete(path + "/tags/" + tag).status()).isEqualTo(204);
    }

    /** Tag id → its TagMeta on the image. */
    private Map<Long, JsonNode> imageTags(long image) {
        Map<Long, JsonNode> tags = new HashMap<>();
        admin().get("/api/instances/" + image + "?with_tag_metadata=true").json().get("tags")
                .forEach(meta -> tags.put(meta.get("id").asLong(), meta));
        return tags;
    }

    private Map<Long, JsonNode> studyTags(long study) {
        Map<Long, JsonNode> tags = new HashMap<>();
        admin().get("/api/studies/" + study).json().get("tags").forEach(meta -> tags.put(meta.get("id").asLong(), meta));
        return tags;
    }

    private static Map<String, Object> body(Grader grader, Instant since, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("actor_id", grader.id(), "since", since.toString()));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /** Starts a rollback, waits for its job to finish and answers its result. */
    private JsonNode rollback(Map<String, Object> body) throws InterruptedException {
        Api.Response started = admin().post("/api/admin/rollbacks", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String taskId = started.json().get("task_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = admin().get("/api/jobs/" + taskId).json();
        while (List.of("queued", "running").contains(job.get("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = admin().get("/api/jobs/" + taskId).json();
        }
        assertThat(job.get("kind").asText()).isEqualTo("rollback");
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("finished");
        Api.Response result = admin().get("/api/admin/rollbacks/" + taskId);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get("task_id").asText()).isEqualTo(taskId);
        assertThat(result.json().get("state").asText()).isEqualTo("finished");
        assertThat(job.get("total").asInt()).isEqualTo(result.json().get("objects").size());
        return result.json();
    }

    private static String link(long tag, String type, long object) {
        return tag + ":" + type + ":" + object;
    }

    /** entity id → the object's outcome entry. */
    private static Map<String, JsonNode> objects(JsonNode result) {
        Map<String, JsonNode> objects = new HashMap<>();
        result.get("objects").forEach(o -> objects.put(o.get("entity_type").asText() + "/" + o.get("entity_id").asText(), o));
        return objects;
    }

    @Test
    void aDryRunChangesNothingAndListsWhatWouldBeRestored() throws Exception {
        Scene scene = scene();
        Grader grader = grader("rb-dry");
        String image = "/api/instances/" + scene.image();
        attach(grader, image, scene.imageTags().get(0), "was there");
        Instant since = moment();
        attach(grader, image, scene.imageTags().get(1), null);
        detach(grader, image, scene.imageTags().get(0));
        attach(grader, "/api/studies/" + scene.study(), scene.studyTags().get(0), "study note");
        Map<Long, JsonNode> imageBefore = imageTags(scene.image());
        long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);

        JsonNode result = rollback(body(grader, since)); // dry_run defaults to true

        assertThat(result.get("dry_run").asBoolean()).isTrue();
        assertThat(result.get("actor_id").asLong()).isEqualTo(grader.id());
        assertThat(result.get("until").isNull()).isTrue();
        assertThat(result.get("restored").asInt()).isEqualTo(3);
        assertThat(result.get("conflicts").asInt()).isZero();
        List<String> fields = new ArrayList<>();
        result.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("task_id", "state", "dry_run", "force", "actor_id", "since", "until",
                "restored", "conflicts", "objects");
        JsonNode first = result.get("objects").get(0);
        assertThat(first.get("entity_type").asText()).isEqualTo("tag-link");
        assertThat(first.get("entity_id").asText()).isEqualTo(link(scene.imageTags().get(1), "ImageInstance", scene.image()));
        assertThat(first.get("outcome").asText()).isEqualTo("would_restore");
        assertThat(first.get("other_actors")).isEmpty();
        assertThat(objects(result).keySet()).containsExactlyInAnyOrder(
                "tag-link/" + link(scene.imageTags().get(1), "ImageInstance", scene.image()),
                "tag-link/" + link(scene.imageTags().get(0), "ImageInstance", scene.image()),
                "tag-link/" + link(scene.studyTags().get(0), "Study", scene.study()));
        objects(result).values().forEach(o -> assertThat(o.get("outcome").asText()).isEqualTo("would_restore"));

        assertThat(imageTags(scene.image())).as("nothing changed").isEqualTo(imageBefore);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where globalindex > ?"
                + " and convert_from(metadata, 'UTF8')::jsonb ->> 'rollback' is not null", Long.class, head)).isZero();
    }

    @Test
    void applyingRestoresTheGradersLinksAndLeavesOtherGradersLinksAlone() throws Exception {
        Scene scene = scene();
        Grader grader = grader("rb-apply");
        Grader colleague = grader("rb-colleague");
        String image = "/api/instances/" + scene.image();
        String study = "/api/studies/" + scene.study();
        attach(grader, image, scene.imageTags().get(0), "keep me");
        attach(colleague, image, scene.imageTags().get(3), "colleague before");
        attach(grader, study, scene.studyTags().get(0), null);
        Instant since = moment();
        attach(grader, image, scene.imageTags().get(1), "wrong protocol");
        detach(grader, image, scene.imageTags().get(0));
        attach(grader, study, scene.studyTags().get(0), "a comment added");
        attach(colleague, image, scene.imageTags().get(2), "colleague during");

        JsonNode result = rollback(body(grader, since, "dry_run", false));

        assertThat(result.get("dry_run").asBoolean()).isFalse();
        assertThat(result.get("restored").asInt()).isEqualTo(3);
        assertThat(result.get("objects")).hasSize(3).allSatisfy(o -> {
            assertThat(o.get("outcome").asText()).isEqualTo("restored");
            assertThat(o.get("other_actors")).isEmpty();
        });
        Map<Long, JsonNode> tags = imageTags(scene.image());
        assertThat(tags.keySet()).as("the grader's attach undone, detach undone; the colleague's links kept")
                .containsExactlyInAnyOrder(scene.imageTags().get(0), scene.imageTags().get(2), scene.imageTags().get(3));
        assertThat(tags.get(scene.imageTags().get(0)).get("comment").asText()).isEqualTo("keep me");
        assertThat(tags.get(scene.imageTags().get(0)).get("tagger").get("id").asLong())
                .as("the tagger as then, not the admin").isEqualTo(grader.id());
        assertThat(tags.get(scene.imageTags().get(2)).get("comment").asText()).isEqualTo("colleague during");
        JsonNode studyLink = studyTags(scene.study()).get(scene.studyTags().get(0));
        assertThat(studyLink.get("comment").isNull()).as("the comment back to none").isTrue();
        assertThat(studyLink.get("tagger").get("id").asLong()).isEqualTo(grader.id());

        String taskId = result.get("task_id").asText();
        List<Map<String, Object>> events = jdbc.queryForList("""
                select convert_from(metadata, 'UTF8')::jsonb ->> 'rollback' as rollback,
                       convert_from(metadata, 'UTF8')::jsonb ->> 'actorId' as actor, payloadtype
                from domainevententry
                where convert_from(metadata, 'UTF8')::jsonb ->> 'rollback' = ?""", taskId);
        assertThat(events).as("attach, detach, and the study link's detach + attach").hasSize(4);
        long adminId = admin().get("/api/auth/me").json().get("id").asLong();
        events.forEach(event -> assertThat(event.get("actor")).isEqualTo(Long.toString(adminId)));
        JsonNode history = admin().get("/api/history/instance/" + scene.image()).json();
        assertThat(history.get(history.size() - 1).get("actor").get("name").asText()).isEqualTo(ADMIN);

        JsonNode again = rollback(body(grader, since, "dry_run", false));
        assertThat(again.get("objects")).as("a second run finds the admin's restores as later changes").allSatisfy(o -> {
            assertThat(o.get("outcome").asText()).isEqualTo("conflict");
            assertThat(o.get("other_actors").get(0).get("name").asText()).isEqualTo(ADMIN);
        });
    }

    @Test
    void aLinkSomeoneElseChangedLaterIsAConflictUnlessForced() throws Exception {
        Scene scene = scene();
        Grader grader = grader("rb-conflict");
        Grader colleague = grader("rb-later");
        String image = "/api/instances/" + scene.image();
        Instant since = moment();
        attach(grader, image, scene.imageTags().get(0), "grader's");
        attach(grader, image, scene.imageTags().get(1), null);
        Api.Response commented = colleague.client().patch(image + "/tags/" + scene.imageTags().get(0),
                Map.of("comment", "colleague's"));
        assertThat(commented.status()).as(commented.toString()).isEqualTo(200);

        JsonNode result = rollback(body(grader, since, "dry_run", false));

        Map<String, JsonNode> objects = objects(result);
        JsonNode conflict = objects.get("tag-link/" + link(scene.imageTags().get(0), "ImageInstance", scene.image()));
        assertThat(conflict.get("outcome").asText()).isEqualTo("conflict");
        assertThat(conflict.get("other_actors")).hasSize(1);
        assertThat(conflict.get("other_actors").get(0).get("id").asLong()).isEqualTo(colleague.id());
        assertThat(conflict.get("other_actors").get(0).get("name").asText()).isEqualTo(colleague.name());
        assertThat(objects.get("tag-link/" + link(scene.imageTags().get(1), "ImageInstance", scene.image()))
                .get("outcome").asText()).isEqualTo("restored");
        assertThat(result.get("conflicts").asInt()).isEqualTo(1);
        assertThat(result.get("restored").asInt()).isEqualTo(1);
        assertThat(imageTags(scene.image()).keySet()).as("the conflicting link left alone")
                .containsExactly(scene.imageTags().get(0));

        JsonNode dryForced = rollback(body(grader, since, "force", true));
        JsonNode wouldForce = objects(dryForced).get("tag-link/" + link(scene.imageTags().get(0), "ImageInstance",
                scene.image()));
        assertThat(wouldForce.get("outcome").asText()).isEqualTo("would_restore");
        assertThat(imageTags(scene.image())).containsKey(scene.imageTags().get(0));

        JsonNode forced = rollback(body(grader, since, "dry_run", false, "force", true));
        JsonNode restored = objects(forced).get("tag-link/" + link(scene.imageTags().get(0), "ImageInstance", scene.image()));
        assertThat(restored.get("outcome").asText()).isEqualTo("restored");
        assertThat(restored.get("other_actors").findValuesAsText("name")).contains(colleague.name());
        assertThat(forced.get("force").asBoolean()).isTrue();
        assertThat(imageTags(scene.image())).as("forced back to the state at since: no links").isEmpty();
    }

    @Test
    void onlyChangesInsideTheWindowAreRolledBack() throws Exception {
        Scene scene = scene();
        Grader grader = grader("rb-window");
        String image = "/api/instances/" + scene.image();
        attach(grader, image, scene.imageTags().get(0), null);
        Instant since = moment();
        attach(grader, image, scene.imageTags().get(1), null);
        Instant until = moment();
        attach(grader, image, scene.imageTags().get(2), null);

        JsonNode result = rollback(body(grader, since, "until", until.toString(), "dry_run", false));

        assertThat(result.get("objects")).hasSize(1);
        assertThat(result.get("objects").get(0).get("entity_id").asText())
                .isEqualTo(link(scene.imageTags().get(1), "ImageInstance", scene.image()));
        assertThat(result.get("until").asText()).startsWith(until.toString().substring(0, 19));
        assertThat(imageTags(scene.image()).keySet()).as("before the window and after it: kept")
                .containsExactlyInAnyOrder(scene.imageTags().get(0), scene.imageTags().get(2));
    }

    /**
     * Form annotations, subtasks and segmentations are restored by the per-type restorers of the revert
     * feature (ObjectRestorer beans); this passes once they are installed.
     */
    @Test
    void formsSubtasksAndSegmentationsComeBackToTheirStateAtSince() throws Exception {
        Scene scene = scene();
        Api admin = admin();
        Grader grader = grader("rb-objects");
        long schema = admin.post("/api/form-schemas", Map.of("name", unique("rb form"), "schema", Map.of(
                "type", "object", "properties", Map.of(
                        "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large"))))))
                .json().get("id").asLong();
        JsonNode instance = admin.get("/api/instances/" + scene.image()).json();
        Api.Response form = grader.client().post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", instance.get("patient").get("id").asLong(), "study_id", scene.study(),
                "image_instance_id", scene.image(), "form_data", Map.of("drusen", "small")));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        long formId = form.json().get("id").asLong();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("rb-def"))).json().get("id").asLong();
        long task = admin.post("/api/task", Map.of("name", unique("rb-task"), "task_definition_id", definition))
                .json().get("id").asLong();
        long subtask = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(scene.image())))
                .json().get("id").asLong();
        long feature = admin.post("/api/features", Map.of("name", unique("rb-feature"))).json().get("id").asLong();
        Map<String, Object> metadata = new HashMap<>(Map.of("image_instance_id", scene.image(), "depth", 1,
                "height", 8, "width", 8, "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature));
        Api.Response segmentation = grader.client().multipart("/api/segmentations", List.of(new Api.Part("metadata", null,
                "text/plain", Api.JSON.writeValueAsBytes(metadata))));
        assertThat(segmentation.status()).as(segmentation.toString()).isEqualTo(200);
        long segmentationId = segmentation.json().get("id").asLong();
        String segmentationBefore = admin.get("/api/segmentations/" + segmentationId).body();
        byte[] dataBefore = admin.get("/api/segmentations/" + segmentationId + "/data").bytes();
        Instant since = moment();
        assertThat(grader.client().patch("/api/form-annotations/" + formId, Map.of("form_data", Map.of("drusen", "large")))
                .status()).isEqualTo(200);
        assertThat(grader.client().patch("/api/subtasks/" + subtask, Map.of("task_state", "Ready")).status()).isEqualTo(200);
        assertThat(grader.client().patch("/api/segmentations/" + segmentationId, Map.of("threshold", 0.7)).status())
                .isEqualTo(200);
        byte[] mask = new byte[64];
        mask[9] = 1;
        assertThat(grader.client().sendBytes("PUT", "/api/segmentations/" + segmentationId + "/data",
                dev.macula.api.voxels.Npy.write(new dev.macula.api.voxels.NdArray(dev.macula.api.voxels.DType.UINT8,
                        new int[]{1, 8, 8}, mask)), "application/octet-stream", Map.of()).status()).isEqualTo(200);

        JsonNode result = rollback(body(grader, since, "dry_run", false));

        Map<String, JsonNode> objects = objects(result);
        assertThat(objects.keySet()).contains("form-annotation/" + formId, "subtask/" + subtask,
                "segmentation/" + segmentationId);
        for (String key : List.of("form-annotation/" + formId, "subtask/" + subtask, "segmentation/" + segmentationId)) {
            assertThat(objects.get(key).get("outcome").asText()).as(objects.get(key).toString()).isEqualTo("restored");
        }
        assertThat(admin.get("/api/form-annotations/" + formId + "/value").json().get("drusen").asText()).isEqualTo("small");
        assertThat(admin.get("/api/subtasks/" + subtask).json().get("task_state").asText()).isEqualTo("NotStarted");
        JsonNode restored = admin.get("/api/segmentations/" + segmentationId).json();
        assertThat(restored.get("threshold")).isEqualTo(Api.JSON.readTree(segmentationBefore).get("threshold"));
        assertThat(admin.get("/api/segmentations/" + segmentationId + "/data").bytes()).as("the voxels as then")
                .isEqualTo(dataBefore);
    }

    @Test
    void whatTheGraderCreatedInTheWindowIsRemoved() throws Exception {
        Scene scene = scene();
        Api admin = admin();
        Grader grader = grader("rb-creator");
        long schema = admin.post("/api/form-schemas", Map.of("name", unique("rb created form"), "schema",
                Map.of("type", "object"))).json().get("id").asLong();
        JsonNode instance = admin.get("/api/instances/" + scene.image()).json();
        Instant since = moment();
        long tag = grader.client().post("/api/tags", Map.of("name", unique("rb-own"), "tag_type", "Study",
                "description", "made in the window")).json().get("id").asLong();
        Api.Response form = grader.client().post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", instance.get("patient").get("id").asLong(), "study_id", scene.study(),
                "image_instance_id", scene.image(), "form_data", Map.of()));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        long formId = form.json().get("id").asLong();

        JsonNode dryRun = rollback(body(grader, since));
        assertThat(objects(dryRun).get("tag/" + tag).get("outcome").asText()).isEqualTo("would_restore");
        assertThat(objects(dryRun).get("form-annotation/" + formId).get("outcome").asText()).isEqualTo("would_restore");
        JsonNode applied = rollback(body(grader, since, "dry_run", false));

        assertThat(objects(applied).get("tag/" + tag).get("outcome").asText()).isEqualTo("restored");
        assertThat(objects(applied).get("form-annotation/" + formId).get("outcome").asText()).isEqualTo("restored");
        assertThat(admin.get("/api/tags").json().findValues("id").stream().map(JsonNode::asLong))
                .as("the grader's tag is deleted").doesNotContain(tag);
        JsonNode formHistory = admin.get("/api/history/form_annotation/" + formId).json();
        assertThat(formHistory.get(formHistory.size() - 1).get("type").asText()).as("the form is deactivated, as a user would")
                .contains("Deactivated");
        JsonNode again = objects(rollback(body(grader, since, "dry_run", false))).get("tag/" + tag);
        assertThat(again.get("outcome").asText()).as("the first run's removal is a later change, by the admin")
                .isEqualTo("conflict");
        assertThat(again.get("other_actors").findValues("name").stream().map(JsonNode::asText)).containsExactly(ADMIN);
        assertThat(objects(rollback(body(grader, since, "dry_run", false, "force", true))).get("tag/" + tag)
                .get("outcome").asText()).as("forced, nothing is left to do").isEqualTo("unchanged");
    }

    @Test
    void aGraderWithoutChangesInTheWindowHasNothingToRollBack() throws Exception {
        Grader idle = grader("rb-idle");
        JsonNode result = rollback(body(idle, moment(), "dry_run", false));
        assertThat(result.get("objects")).isEmpty();
        assertThat(result.get("restored").asInt()).isZero();
    }

    @Test
    void onlyAdminsRollBackAndBadRequestsAreRefused() throws Exception {
        Grader grader = grader("rb-refused");
        Instant since = moment();
        Api.Response forbidden = grader.client().post("/api/admin/rollbacks", body(grader, since));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(grader.client().get("/api/admin/rollbacks/" + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(anonymous().post("/api/admin/rollbacks", body(grader, since)).status()).isEqualTo(401);

        Api admin = admin();
        Api.Response missing = admin.post("/api/admin/rollbacks", Map.of("actor_id", grader.id()));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"since\"]");
        assertThat(missing.json().get("detail").get(0).get("type").asText()).isEqualTo("missing");

        Api.Response unparsable = admin.post("/api/admin/rollbacks", Map.of("actor_id", grader.id(), "since", "last week"));
        assertThat(unparsable.status()).isEqualTo(422);
        assertThat(unparsable.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"since\"]");

        Api.Response future = admin.post("/api/admin/rollbacks", body(grader, Instant.now().plusSeconds(3600)));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("detail").get(0).get("msg").asText()).contains("future");

        Api.Response backwards = admin.post("/api/admin/rollbacks", body(grader, since, "until", since.minusSeconds(60).toString()));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"until\"]");

        Api.Response noSuchUser = admin.post("/api/admin/rollbacks", Map.of("actor_id", 987654321, "since", since.toString()));
        assertThat(noSuchUser.status()).isEqualTo(422);
        assertThat(noSuchUser.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"actor_id\"]");

        Api.Response notABoolean = admin.post("/api/admin/rollbacks", body(grader, since, "dry_run", "perhaps"));
        assertThat(notABoolean.status()).isEqualTo(422);
        assertThat(admin.send("POST", "/api/admin/rollbacks", "[1]", "application/json").status()).isEqualTo(422);

        Api.Response unknown = admin.get("/api/admin/rollbacks/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Rollback not found");
        assertThat(admin.get("/api/admin/rollbacks/not-a-task").status()).isEqualTo(404);
    }
}
