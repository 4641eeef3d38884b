package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /api/analytics/tasks/{id}} and {@code GET /api/analytics/activity} on a seeded reading:
 * two graders each grade the same four images in a sub-task of their own (docs/analytics.md).
 * <p>
 * Worked by hand. Form field {@code drusen} on images 1..4: grader a says none, small, large, none;
 * grader b says none, small, none, none. p_o = 3/4; a's shares none .5, small .25, large .25; b's
 * none .75, small .25: p_e = .5·.75 + .25·.25 = .4375; kappa = (.75 − .4375)/(1 − .4375) = 5/9.
 * Field {@code gradable} (boolean): both always true → p_e = 1, kappa undefined (null), 4 items.
 * Tag: a attaches it to image 1, b to image 2 → (1,0), (0,1), (0,0), (0,0): p_o = .5, p_e =
 * .25·.25 + .75·.75 = .625, kappa = (.5 − .625)/.375 = −1/3.
 * Masks on image 1 (1×8×8): a's foreground voxels 0..3, b's 2..5: |A∩B| = 2, Dice = 4/8 = .5,
 * IoU = 2/6 = 1/3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingAnalyticsHttpTest extends HttpTestBase {

    private record Grader(Api client, long id, String name) {
    }

    private Grader a;
    private Grader b;
    private long task;
    private long subTaskA;
    private long subTaskB;
    private long schema;
    private long feature;
    private long tag;
    private List<Long> images;
    private long beforeTask;
    /** Just after a set their sub-task Ready; b has done nothing yet. */
    private long middle;
    private final List<Long> formsOfA = new ArrayList<>();
    private long segmentationOfA;

    @BeforeAll
    void seed() throws Exception {
        Api admin = admin();
        images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode imported = admin.post("/api/import/image", ImagingHttpTest.request(unique("analytics"), "A" + i,
                    "2024-03-03", ImagingHttpTest.png("analytics", 8, 8), ImagingHttpTest.RIGHT_FUNDUS,
                    ImagingHttpTest.CREATE_ALL)).json();
            images.add(imported.get("data").get("image_ids").get(0).asLong());
        }
        schema = admin.post("/api/form-schemas", Map.of("name", unique("analytics form"), "schema", Map.of(
                "type", "object", "properties", Map.of(
                        "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large")),
                        "gradable", Map.of("type", "boolean"),
                        "score", Map.of("type", "number"))))).json().get("id").asLong();
        feature = admin.post("/api/features", Map.of("name", unique("an-vessels"))).json().get("id").asLong();
        tag = admin.post("/api/tags", Map.of("name", unique("an-drusen"), "tag_type", "ImageInstance",
                "description", "analytics test")).json().get("id").asLong();
        beforeTask = lastPosition("tag", tag);
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("an-def"))).json().get("id").asLong();
        task = admin.post("/api/task", Map.of("name", unique("an-task"), "task_definition_id", definition))
                .json().get("id").asLong();
        subTaskA = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", images)).json().get("id").asLong();
        subTaskB = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", images)).json().get("id").asLong();
        admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(images.get(0))));
        a = grader("an-a");
        b = grader("an-b");

        transition(a, subTaskA, "Busy");
        formsOfA.addAll(grade(a, subTaskA, List.of("none", "small", "large", "none")));
        segmentationOfA = segment(a, subTaskA, 0, 1, 2, 3);
        attach(a, images.get(0));
        Thread.sleep(300);
        transition(a, subTaskA, "Ready");
        middle = lastPosition("subtask", subTaskA);

        transition(b, subTaskB, "Busy");
        grade(b, subTaskB, List.of("none", "small", "none", "none"));
        segment(b, subTaskB, 2, 3, 4, 5);
        attach(b, images.get(1));
        transition(b, subTaskB, "Ready");
    }

    @Test
    void subTasksPerStateAndGradersTimings() {
        JsonNode analytics = ok(a.client().get("/api/analytics/tasks/" + task));

        assertThat(analytics.get("task_id").asLong()).isEqualTo(task);
        assertThat(analytics.get("as_of").isNull()).isTrue();
        assertThat(analytics.get("subtasks").toString())
                .isEqualTo("{\"total\":3,\"by_state\":{\"NotStarted\":1,\"Busy\":0,\"Ready\":2}}");
        JsonNode graders = analytics.get("graders");
        assertThat(graders).hasSize(2);
        JsonNode first = graders.get(0);
        assertThat(first.get("id").asLong()).isEqualTo(a.id());
        assertThat(first.get("name").asText()).isEqualTo(a.name());
        assertThat(first.get("subtasks_done").asLong()).isEqualTo(1);
        assertThat(first.get("busy_to_ready_seconds").get("median").asDouble()).isGreaterThanOrEqualTo(0.3);
        assertThat(first.get("busy_to_ready_seconds").get("p90").asDouble())
                .isEqualTo(first.get("busy_to_ready_seconds").get("median").asDouble());
        assertThat(first.get("done_per_day")).hasSize(1);
        assertThat(first.get("done_per_day").get(0).get("count").asLong()).isEqualTo(1);
        assertThat(LocalDate.parse(first.get("done_per_day").get(0).get("date").asText()))
                .isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC));
        // a's events on their sub-task, their forms in it and their mask in it, per sub-task worked (one)
        long edits = eventsBy(a, "subtask", subTaskA) + eventsBy(a, "segmentation", segmentationOfA);
        for (long form : formsOfA) {
            edits += eventsBy(a, "form-annotation", form);
        }
        assertThat(edits).as("2 transitions, 4 forms, the mask's creation and data").isGreaterThanOrEqualTo(2 + 4 + 2);
        assertThat(first.get("edits_per_subtask").asDouble()).isEqualTo((double) edits);
        assertThat(graders.get(1).get("id").asLong()).isEqualTo(b.id());
        JsonNode completion = analytics.get("completion_seconds");
        assertThat(completion).hasSize(2);
        assertThat(completion.get(0).asDouble()).isLessThanOrEqualTo(completion.get(1).asDouble());
        assertThat(completion.get(1).asDouble()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void kappaOfTheFormFieldsAndTheTagAsWorkedOutByHand() {
        JsonNode agreement = ok(admin().get("/api/analytics/tasks/" + task)).get("agreement");

        Map<String, JsonNode> fields = new HashMap<>();
        agreement.get("form_fields").forEach(field -> fields.put(field.get("field").asText(), field));
        assertThat(fields.keySet()).containsExactlyInAnyOrder("drusen", "gradable");
        JsonNode drusen = fields.get("drusen");
        assertThat(drusen.get("form_schema_id").asLong()).isEqualTo(schema);
        assertThat(drusen.get("method").asText()).isEqualTo("cohen");
        assertThat(drusen.get("kappa").asDouble()).isCloseTo(5.0 / 9, within(1e-9));
        assertThat(drusen.get("items").asInt()).isEqualTo(4);
        assertThat(drusen.get("graders").toString()).isEqualTo("[" + a.id() + "," + b.id() + "]");
        assertThat(fields.get("gradable").get("kappa").isNull()).as("p_e = 1: undefined").isTrue();
        assertThat(fields.get("gradable").get("items").asInt()).isEqualTo(4);

        assertThat(agreement.get("tags")).hasSize(1);
        JsonNode tagAgreement = agreement.get("tags").get(0);
        assertThat(tagAgreement.get("tag_id").asLong()).isEqualTo(tag);
        assertThat(tagAgreement.get("method").asText()).isEqualTo("cohen");
        assertThat(tagAgreement.get("kappa").asDouble()).isCloseTo(-1.0 / 3, within(1e-9));
        assertThat(tagAgreement.get("items").asInt()).isEqualTo(4);
    }

    @Test
    void diceAndIouOfTheTwoMasks() {
        JsonNode segmentations = ok(admin().get("/api/analytics/tasks/" + task)).get("agreement").get("segmentations");

        assertThat(segmentations).hasSize(1);
        JsonNode vessels = segmentations.get(0);
        assertThat(vessels.get("feature_id").asLong()).isEqualTo(feature);
        assertThat(vessels.get("dice_mean").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(vessels.get("iou_mean").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(vessels.get("items").asInt()).isEqualTo(1);
        assertThat(vessels.get("pairs")).hasSize(1);
        JsonNode pair = vessels.get("pairs").get(0);
        assertThat(pair.get("graders").toString()).isEqualTo("[" + a.id() + "," + b.id() + "]");
        assertThat(pair.get("dice").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(pair.get("iou").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(pair.get("items").asInt()).isEqualTo(1);
    }

    @Test
    void asOfAMiddlePositionGivesTheEarlierNumbers() {
        Api.Response response = b.client().get("/api/analytics/tasks/" + task + "?as_of=" + middle);
        JsonNode then = ok(response);

        assertThat(response.header("Macula-As-Of")).isEqualTo(Long.toString(middle));
        assertThat(then.get("as_of").asLong()).isEqualTo(middle);
        assertThat(then.get("subtasks").get("by_state").toString())
                .isEqualTo("{\"NotStarted\":2,\"Busy\":0,\"Ready\":1}");
        assertThat(then.get("graders")).hasSize(1);
        assertThat(then.get("graders").get(0).get("id").asLong()).isEqualTo(a.id());
        assertThat(then.get("completion_seconds")).hasSize(1);
        assertThat(then.get("agreement").toString()).as("b had graded nothing yet")
                .isEqualTo("{\"form_fields\":[],\"tags\":[],\"segmentations\":[]}");
    }

    @Test
    void beforeTheTaskExistedOrUnknownOrBadAsOf() {
        Api.Response before = a.client().get("/api/analytics/tasks/" + task + "?as_of=" + beforeTask);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().get("detail").asText()).isEqualTo("Task not found");
        assertThat(a.client().get("/api/analytics/tasks/99999999").status()).isEqualTo(404);
        Api.Response bad = a.client().get("/api/analytics/tasks/" + task + "?as_of=yesterday");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"as_of\"]");
        assertThat(a.client().get("/api/analytics/tasks/" + task + "?as_of=999999999999").status()).isEqualTo(422);
        assertThat(anonymous().get("/api/analytics/tasks/" + task).status()).isEqualTo(401);
    }

    @Test
    void activityCountsEachGradersActionsByKind() {
        JsonNode activity = ok(a.client().get("/api/analytics/activity?actor_id=" + a.id() + "&bucket=hour"));

        assertThat(activity.get("bucket").asText()).isEqualTo("hour");
        assertThat(activity.get("series")).hasSize(1);
        JsonNode series = activity.get("series").get(0);
        assertThat(series.get("actor").get("id").asLong()).isEqualTo(a.id());
        assertThat(series.get("actor").get("name").asText()).isEqualTo(a.name());
        long tags = 0;
        long forms = 0;
        long masks = 0;
        long transitions = 0;
        for (JsonNode bucket : series.get("buckets")) {
            assertThat(bucket.get("start").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:00:00Z");
            tags += bucket.get("tags").asLong();
            forms += bucket.get("forms").asLong();
            masks += bucket.get("masks").asLong();
            transitions += bucket.get("subtask_transitions").asLong();
        }
        assertThat(List.of(tags, forms, masks, transitions))
                .containsExactly(1L, 4L, eventsBy(a, "segmentation", segmentationOfA), 2L);
        assertThat(masks).as("created and data written at least").isGreaterThanOrEqualTo(2);

        JsonNode everyone = ok(admin().get("/api/analytics/activity?bucket=week"));
        List<Long> actors = new ArrayList<>();
        everyone.get("series").forEach(s -> actors.add(s.get("actor").get("id").asLong()));
        assertThat(actors).contains(a.id(), b.id());
    }

    @Test
    void activityOfOthersIsForAdminsAndParametersAreChecked() {
        assertThat(a.client().get("/api/analytics/activity?actor_id=" + b.id()).status()).isEqualTo(403);
        assertThat(a.client().get("/api/analytics/activity").status()).isEqualTo(403);
        Api.Response badBucket = a.client().get("/api/analytics/activity?actor_id=" + a.id() + "&bucket=month");
        assertThat(badBucket.status()).isEqualTo(422);
        assertThat(badBucket.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"bucket\"]");
        assertThat(a.client().get("/api/analytics/activity?actor_id=" + a.id() + "&since=2026-13-01").status())
                .isEqualTo(422);
        Api.Response backwards = a.client().get("/api/analytics/activity?actor_id=" + a.id()
                + "&since=2026-02-01&until=2026-01-01");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(a.client().get("/api/analytics/activity?actor_id=" + a.id() + "&since=2000-01-01&until=2000-01-02")
                .json().get("series")).isEmpty();
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Grader grader(String prefix) {
        Api client = newUser(prefix);
        JsonNode me = client.get("/api/auth/me").json();
        return new Grader(client, me.get("id").asLong(), me.get("username").asText());
    }

    private static void transition(Grader grader, long subTask, String state) {
        Api.Response changed = grader.client().patch("/api/subtasks/" + subTask, Map.of("task_state", state));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    /** One form per image, in image order; both graders say gradable = true. */
    private List<Long> grade(Grader grader, long subTask, List<String> drusen) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            JsonNode instance = admin().get("/api/instances/" + images.get(i)).json();
            Api.Response form = grader.client().post("/api/form-annotations", Map.of("form_schema_id", schema,
                    "patient_id", instance.get("patient").get("id").asLong(),
                    "study_id", instance.get("study").get("id").asLong(), "image_instance_id", images.get(i),
                    "sub_task_id", subTask, "form_data", Map.of("drusen", drusen.get(i), "gradable", true,
                            "score", i)));
            assertThat(form.status()).as(form.toString()).isEqualTo(200);
            ids.add(form.json().get("id").asLong());
        }
        return ids;
    }

    /** A 1×8×8 mask of image 1 with the given voxels set. */
    private long segment(Grader grader, long subTask, int... voxels) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("image_instance_id", images.get(0), "depth", 1,
                "height", 8, "width", 8, "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature,
                "subtask_id", subTask));
        Api.Response created = grader.client().multipart("/api/segmentations", List.of(new Api.Part("metadata", null,
                "text/plain", Api.JSON.writeValueAsBytes(metadata))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        long id = created.json().get("id").asLong();
        byte[] mask = new byte[64];
        for (int voxel : voxels) {
            mask[voxel] = 1;
        }
        Api.Response written = grader.client().sendBytes("PUT", "/api/segmentations/" + id + "/data",
                Npy.write(new NdArray(DType.UINT8, new int[]{1, 8, 8}, mask)), "application/octet-stream", Map.of());
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        return id;
    }

    private void attach(Grader grader, long image) {
        Api.Response attached = grader.client().post("/api/instances/" + image + "/tags", Map.of("tag_id", tag));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
    }

    private long lastPosition(String type, long id) {
        JsonNode history = admin().get("/api/history/" + type + "/" + id).json();
        return history.get(history.size() - 1).get("position").asLong();
    }

    private long eventsBy(Grader grader, String type, long id) {
        long count = 0;
        for (JsonNode entry : admin().get("/api/history/" + type + "/" + id).json()) {
            count += entry.get("actor").get("id").asLong() == grader.id() ? 1 : 0;
        }
        return count;
    }
}
