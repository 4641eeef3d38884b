package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ?as_of=}: the answer a GET gave at a past position or instant, its header and its 422s. */
class AsOfReadsHttpTest extends HttpTestBase {

    private long lastPosition(Api client, String type, long id) {
        JsonNode history = admin().get("/api/history/" + type + "/" + id).json();
        return history.get(history.size() - 1).get("position").asLong();
    }

    @Test
    void aTagListAndAUserAsTheyWere() throws Exception {
        Api admin = admin();
        long tag = admin.post("/api/tags", Map.of("name", unique("asof"), "tag_type", "Study", "description", "first"))
                .json().get("id").asLong();
        long created = lastPosition(admin, "tag", tag);
        Api.Response before = admin.get("/api/tags");
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        assertThat(admin.patch("/api/tags/" + tag, Map.of("description", "second")).status()).isEqualTo(200);
        long renamed = lastPosition(admin, "tag", tag);
        assertThat(renamed).isGreaterThan(created);

        Api.Response byPosition = admin.get("/api/tags?as_of=" + created);
        assertThat(byPosition.status()).as(byPosition.toString()).isEqualTo(200);
        assertThat(byPosition.body()).isEqualTo(before.body());
        assertThat(byPosition.header("Macula-As-Of")).isEqualTo(Long.toString(created));
        Api.Response byInstant = admin.get("/api/tags?as_of=" + between);
        assertThat(byInstant.body()).isEqualTo(before.body());
        assertThat(admin.get("/api/tags?as_of=" + renamed).body()).isEqualTo(admin.get("/api/tags").body());
        assertThat(admin.get("/api/tags").header("Macula-As-Of")).isNull();

        long user = register(unique("asof-user"), "pw-asof-user-1");
        long registered = lastPosition(admin, "user", user);
        assertThat(admin.get("/api/users/" + user + "?as_of=" + registered).body())
                .isEqualTo(admin.get("/api/users/" + user).body());
        Api.Response notYet = admin.get("/api/users/" + user + "?as_of=" + (registered - 1));
        assertThat(notYet.status()).as(notYet.toString()).isEqualTo(404);
        assertThat(notYet.json().get("detail").asText()).isEqualTo("User not found");
    }

    @Test
    void badMomentsAre422s() {
        Api admin = admin();
        for (String bad : new String[]{"yesterday", "-1", "2999-01-01T00:00:00Z", "99999999999999", ""}) {
            Api.Response response = admin.get("/api/tags?as_of=" + bad);
            assertThat(response.status()).as(bad + ": " + response).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"as_of\"]");
        }
    }

    @Test
    void beforeItExistedEveryObjectIsA404WithTheUsualDetail() throws Exception {
        Api admin = admin();
        long before = new MomentRecorder(admin).head();
        RandomHistory.World world = RandomHistory.smallWorld(admin, newUser("asof-404"));
        Map<String, String> existing = new LinkedHashMap<>(); // path of the object → path of an id that never existed
        existing.put("/api/instances/" + world.image() + "?with_segmentations=true", "/api/instances/99999999");
        existing.put("/api/studies/" + world.study(), "/api/studies/99999999");
        existing.put("/api/segmentations/" + world.segmentation(), "/api/segmentations/99999999");
        existing.put("/api/segmentations/" + world.segmentation() + "/data", "/api/segmentations/99999999/data");
        existing.put("/api/segmentations/" + world.segmentation() + "/data?axis=1&scan_nr=0",
                "/api/segmentations/99999999/data?axis=1&scan_nr=0");
        existing.put("/api/form-annotations/" + world.form(), "/api/form-annotations/99999999");
        existing.put("/api/form-annotations/" + world.form() + "/value", "/api/form-annotations/99999999/value");
        existing.put("/api/form-schemas/" + world.schema(), "/api/form-schemas/99999999");
        existing.put("/api/task/" + world.task(), "/api/task/99999999");
        existing.put("/api/task/" + world.task() + "/subtasks", "/api/task/99999999/subtasks");
        existing.put("/api/subtasks/" + world.subtask(), "/api/subtasks/99999999");
        existing.put("/api/features/" + world.feature(), "/api/features/99999999");
        existing.put("/api/users/" + world.user(), "/api/users/99999999");
        existing.put("/api/model-segmentations/99999999/data", "/api/model-segmentations/99999999/data");
        for (Map.Entry<String, String> entry : existing.entrySet()) {
            String path = entry.getKey();
            Api.Response live = admin.get(path);
            assertThat(live.status()).as(path).isIn(200, 404);
            Api.Response missing = admin.get(entry.getValue());
            assertThat(missing.status()).as(entry.getValue()).isEqualTo(404);
            Api.Response then = admin.get(path + (path.contains("?") ? "&" : "?") + "as_of=" + before);
            assertThat(then.status()).as(path + " as of " + before + ": " + then).isEqualTo(404);
            assertThat(then.body()).as(path).isEqualTo(missing.body());
            assertThat(then.header("Macula-As-Of")).as(path).isEqualTo(Long.toString(before));
        }
    }

    @Test
    void userDataAsOfAMomentStaysAdminOnly() {
        Api annotator = newUser("asof-nosy");
        long self = annotator.get("/api/auth/me").json().get("id").asLong();
        long position = lastPosition(admin(), "user", self);
        for (String path : List.of("/api/users/" + self + "?as_of=" + position, "/api/users/1?as_of=" + position,
                "/api/users/" + self + "?as_of=yesterday")) {
            Api.Response denied = annotator.get(path);
            assertThat(denied.status()).as(path + ": " + denied).isEqualTo(403);
            assertThat(denied.detail()).isEqualTo("Admin role required");
            assertThat(denied.header("Macula-As-Of")).isNull();
        }
        assertThat(anonymous().get("/api/tags?as_of=" + position).status()).isEqualTo(401);
    }

    @Test
    void anInstantMayCarryAnOffsetOrNoZoneAtAll() throws Exception {
        Api admin = admin();
        long feature = admin.post("/api/features", Map.of("name", unique("asof-zone"))).json().get("id").asLong();
        long created = lastPosition(admin, "feature", feature);
        String before = admin.get("/api/features/" + feature).body();
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        assertThat(admin.patch("/api/features/" + feature, Map.of("name", unique("asof-zone-renamed"))).status())
                .isEqualTo(200);
        String withOffset = between.atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();
        String westward = between.atOffset(ZoneOffset.ofHours(-3)).toString();
        String noZone = LocalDateTime.ofInstant(between, ZoneOffset.UTC).toString();
        for (String moment : List.of(between.toString(), withOffset, westward, noZone)) {
            Api.Response then = admin.get("/api/features/" + feature + "?as_of=" + URLEncoder.encode(moment,
                    StandardCharsets.UTF_8));
            assertThat(then.status()).as(moment + ": " + then).isEqualTo(200);
            assertThat(then.body()).as(moment).isEqualTo(before);
            assertThat(then.header("Macula-As-Of")).as(moment).isEqualTo(Long.toString(created));
        }
        String local = LocalDateTime.ofInstant(between, ZoneOffset.ofHours(2)).toString();
        assertThat(admin.get("/api/features/" + feature + "?as_of=" + local).header("Macula-As-Of"))
                .as("a zoneless time is UTC, not local time: two hours later here")
                .isNotEqualTo(Long.toString(created));
    }

    @Test
    void theEventsOfOneCommandTakeEffectTogether() {
        Api admin = admin();
        long child = admin.post("/api/features", Map.of("name", unique("asof-child"))).json().get("id").asLong();
        long feature = admin.post("/api/features", Map.of("name", unique("asof-parent"))).json().get("id").asLong();
        String before = admin.get("/api/features/" + feature).body();
        Api.Response both = admin.patch("/api/features/" + feature, Map.of("name", unique("asof-both"),
                "subfeature_ids", List.of(child)));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        JsonNode history = admin.get("/api/history/feature/" + feature).json();
        assertThat(history.findValuesAsText("type")).containsExactly("FeatureCreated", "FeatureRenamed",
                "SubfeaturesReplaced");
        long renamed = history.get(1).get("position").asLong();
        long replaced = history.get(2).get("position").asLong();
        assertThat(replaced).isEqualTo(renamed + 1);

        Api.Response inside = admin.get("/api/features/" + feature + "?as_of=" + renamed);
        assertThat(inside.body()).as("half a command is never visible: the rename waits for the children")
                .isEqualTo(before);
        assertThat(inside.header("Macula-As-Of")).isEqualTo(Long.toString(renamed));
        assertThat(admin.get("/api/features/" + feature + "?as_of=" + replaced).body())
                .isEqualTo(admin.get("/api/features/" + feature).body()).isEqualTo(both.body());
    }

    @Test
    void asOfMeansNothingOnOtherEndpoints() {
        Api admin = admin();
        long tag = admin.post("/api/tags", Map.of("name", unique("asof-elsewhere"), "tag_type", "Study",
                "description", "")).json().get("id").asLong();
        long created = lastPosition(admin, "tag", tag);
        admin.post("/api/features", Map.of("name", unique("asof-later")));
        List<String> elsewhere = new ArrayList<>(List.of("/api/features", "/api/task", "/api/form-schemas",
                "/api/users", "/api/history/tag/" + tag));
        for (String path : elsewhere) {
            Api.Response live = admin.get(path);
            for (String asOf : List.of(Long.toString(created), "yesterday")) {
                Api.Response ignored = admin.get(path + "?as_of=" + asOf);
                assertThat(ignored.status()).as(path + "?as_of=" + asOf).isEqualTo(200);
                assertThat(ignored.body()).as(path + "?as_of=" + asOf).isEqualTo(live.body());
                assertThat(ignored.header("Macula-As-Of")).isNull();
            }
        }
        Api.Response write = admin.patch("/api/tags/" + tag + "?as_of=" + created, Map.of("description", "now"));
        assertThat(write.status()).as("a write is a write").isEqualTo(200);
        assertThat(write.header("Macula-As-Of")).isNull();
    }
}
