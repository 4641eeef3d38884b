package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read-model rebuild replays the history tables too (ReadModelRebuild): after it, the as-of
 * answers at every position of a random history are the ones before it, and the recorded live
 * answers still come back as of their position and instant. Its own class: the rebuild pauses
 * every write of the platform while it runs.
 */
class AsOfAfterRebuildHttpTest extends HttpTestBase {

    private static final int ACTIONS = 70;

    @Test
    void theRebuiltHistoryAnswersAsTheRecordedOneDid() throws Exception {
        long seed = Long.getLong("macula.asof.seed", System.nanoTime());
        System.out.println("AsOfAfterRebuildHttpTest seed: " + seed + " (replay with -Dmacula.asof.seed=" + seed + ")");
        Random random = new Random(seed);
        Api admin = admin();
        MomentRecorder recorder = new MomentRecorder(admin);
        long start = recorder.head();
        RandomHistory history = new RandomHistory(random, admin);
        Api annotator = newUser("tm-rebuild");
        history.setUp(List.of(annotator), List.of(annotator.get("/api/auth/me").json().get("id").asLong()));
        while (history.actions() < ACTIONS) {
            history.step();
            if (random.nextInt(3) == 0) {
                recorder.record(MomentRecorder.sample(history.paths(), random));
            }
        }
        recorder.record(history.paths());
        awaitThumbnails(admin, history.paths());
        // an import whose thumbnails follow at once: the thumbnail command (sent by the event handler
        // of the import) is another command, though it carries the import's trace
        long image = history.importImage("C", "2024-03-03", 1, 9, 9);
        awaitThumbnails(admin, List.of("/api/instances/" + image));
        JsonNode imageHistory = admin.get("/api/history/instance/" + image).json();
        assertThat(imageHistory.findValuesAsText("type")).containsExactly("ImageImported", "ThumbnailsGenerated");
        long imported = imageHistory.get(0).get("position").asLong();
        assertThat(imageHistory.get(1).get("position").asLong()).as("nothing else happened meanwhile")
                .isEqualTo(imported + 1);
        Api.Response withoutThumbnails = admin.get("/api/instances/" + image + "?as_of=" + imported);
        assertThat(withoutThumbnails.status()).as(withoutThumbnails.toString()).isEqualTo(200);
        assertThat(withoutThumbnails.json().get("thumbnail_path").asText()).as("no thumbnail yet").isEmpty();
        long end = recorder.head();

        // every position of this history, each with a few of the GETs (and the images, whose thumbnails
        // are recorded by a command of their own that an import causes)
        List<String> paths = history.paths();
        Map<String, MomentRecorder.Answer> before = new LinkedHashMap<>();
        for (long position : positions(admin, start, end)) {
            List<String> asked = new ArrayList<>(paths.stream().filter(p -> p.startsWith("/api/instances/")
                    && !p.contains("?")).toList());
            for (int i = 0; i < 4; i++) {
                asked.add(paths.get(random.nextInt(paths.size())));
            }
            for (String path : asked) {
                String asOf = path + (path.contains("?") ? "&" : "?") + "as_of=" + position;
                Api.Response response = MomentRecorder.get(admin, asOf);
                before.put(asOf, new MomentRecorder.Answer(response.status(), response.bytes()));
            }
        }

        Api.Response started = admin.post("/api/admin/projections/read-models/rebuild", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        JsonNode status = ProjectionOperationsHttpTest.awaitRebuild(admin, "read-models");
        assertThat(status.get("rebuild").get("state").asText()).as(status.toString()).isEqualTo("completed");

        List<String> changed = new ArrayList<>();
        before.forEach((asOf, answer) -> {
            Api.Response response = MomentRecorder.get(admin, asOf);
            if (!answer.sameAs(response)) {
                changed.add(asOf + ": before " + answer + "\n    after " + new MomentRecorder.Answer(response.status(),
                        response.bytes()));
            }
        });
        assertThat(changed).as("seed %d: %d of %d as-of answers changed with the rebuild; first ones:\n%s", seed,
                changed.size(), before.size(), String.join("\n", changed.subList(0, Math.min(10, changed.size()))))
                .isEmpty();
        List<String> mismatches = recorder.mismatches();
        assertThat(mismatches).as("seed %d: after the rebuild; first ones:\n%s", seed,
                String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size())))).isEmpty();
    }

    /** The event positions after {@code start} up to {@code end}, from the activity feed. */
    private static List<Long> positions(Api admin, long start, long end) {
        List<Long> positions = new ArrayList<>();
        long after = start;
        while (true) {
            JsonNode page = MomentRecorder.ok(admin.get("/api/history?limit=1000&after=" + after));
            for (JsonNode event : page.get("events")) {
                long position = event.get("position").asLong();
                if (position <= end) {
                    positions.add(position);
                }
                after = position;
            }
            if (page.get("next").isNull() || after >= end) {
                return positions;
            }
        }
    }

    /** Thumbnails are made asynchronously: the history is complete when every image has them. */
    static void awaitThumbnails(Api admin, List<String> paths) throws InterruptedException {
        for (String path : paths.stream().filter(p -> p.startsWith("/api/instances/") && !p.contains("?")).toList()) {
            String history = path.replace("/api/instances/", "/api/history/instance/");
            for (int attempt = 0; attempt < 100; attempt++) {
                if (admin.get(history).json().findValuesAsText("type").contains("ThumbnailsGenerated")) {
                    break;
                }
                Thread.sleep(100);
            }
        }
    }
}
