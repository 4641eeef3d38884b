package dev.macula.it;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's proof of the as-of reads: an admin and three annotators make a seeded random history
 * (print the seed; {@code -Dmacula.asof.seed=N} replays one), the live answers of the as-of GETs
 * are recorded at random moments, and afterwards every one of them must come back byte for byte
 * {@code ?as_of=} the moment's position and {@code ?as_of=} its instant.
 */
class AsOfRandomizedHttpTest extends HttpTestBase {

    private static final int ACTIONS = 170;

    @Test
    void everyRecordedAnswerComesBackAsOfItsPositionAndItsInstant() throws Exception {
        long seed = Long.getLong("macula.asof.seed", System.nanoTime());
        System.out.println("AsOfRandomizedHttpTest seed: " + seed + " (replay with -Dmacula.asof.seed=" + seed + ")");
        Random random = new Random(seed);
        Api admin = admin();
        MomentRecorder recorder = new MomentRecorder(admin);
        RandomHistory history = new RandomHistory(random, admin);
        List<Api> annotators = new ArrayList<>();
        List<Long> annotatorIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api annotator = newUser("tm-grader");
            annotators.add(annotator);
            annotatorIds.add(annotator.get("/api/auth/me").json().get("id").asLong());
        }
        long started = System.nanoTime();
        history.setUp(annotators, annotatorIds);
        recorder.record(history.paths());
        while (history.actions() < ACTIONS) {
            history.step();
            if (random.nextInt(4) == 0) {
                recorder.record(MomentRecorder.sample(history.paths(), random));
            }
        }
        recorder.record(history.paths());

        long recorded = System.nanoTime();
        int answers = recorder.moments().stream().mapToInt(m -> m.answers().size()).sum();
        assertThat(recorder.moments().size()).isGreaterThan(10);
        assertThat(recorder.moments().stream().flatMap(m -> m.answers().values().stream())
                .filter(a -> a.status() == 404).count()).as("answers for objects not yet made or deleted").isPositive();
        // enough changed answers that returning the live answer could not pass (how many depends on the seed)
        assertThat(changedSinceTheFirstMoment(recorder)).as("the history changed what the GETs answer")
                .isGreaterThan(10);
        List<String> mismatches = recorder.mismatches();
        System.out.printf("AsOfRandomizedHttpTest: %d writes, %d moments, %d recorded answers in %d ms; "
                        + "%d as-of answers checked in %d ms%n", history.actions(), recorder.moments().size(), answers,
                (recorded - started) / 1_000_000, 2 * answers, (System.nanoTime() - recorded) / 1_000_000);
        assertThat(mismatches).as("seed %d: %d of %d as-of answers differ; first ones:\n%s", seed, mismatches.size(),
                2 * answers, String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size())))).isEmpty();
    }

    /** Paths asked at the first and the last moment whose answers differ. */
    private static long changedSinceTheFirstMoment(MomentRecorder recorder) {
        MomentRecorder.Moment first = recorder.moments().getFirst();
        MomentRecorder.Moment last = recorder.moments().getLast();
        return first.answers().entrySet().stream().filter(e -> last.answers().containsKey(e.getKey()))
                .filter(e -> !java.util.Arrays.equals(e.getValue().body(), last.answers().get(e.getKey()).body()))
                .count();
    }
}
