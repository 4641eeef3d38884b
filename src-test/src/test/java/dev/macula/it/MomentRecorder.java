package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records live GET answers (status and body bytes) together with the newest event position and an
 * instant that both stand for that moment, and later asks the same GETs {@code ?as_of=} that
 * position and that instant: every answer must be the recorded one, byte for byte, with the header
 * {@code Macula-As-Of} naming the position.
 */
final class MomentRecorder {

    record Answer(int status, byte[] body) {
        boolean sameAs(Api.Response response) {
            return response.status() == status && Arrays.equals(response.bytes(), body);
        }

        @Override
        public String toString() {
            return status + " " + new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    record Moment(long position, Instant instant, Map<String, Answer> answers) {
    }

    private final Api admin;
    private final Instant started = Instant.now().minusSeconds(1);
    private final List<Moment> moments = new ArrayList<>();
    private long head;

    MomentRecorder(Api admin) {
        this.admin = admin;
    }

    List<Moment> moments() {
        return moments;
    }

    static JsonNode ok(Api.Response response) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Two in five of the paths, so that a run stays within a minute. */
    static List<String> sample(List<String> paths, java.util.Random random) {
        return paths.stream().filter(path -> random.nextInt(5) < 2).toList();
    }

    static Api.Response get(Api client, String path) {
        return client.sendBytes("GET", path, new byte[0], null, Map.of());
    }

    /**
     * The newest event position, from the admin's activity feed: the events after the last one seen
     * (at first, those since this recorder was made), page by page.
     */
    long head() {
        while (true) {
            JsonNode page = ok(admin.get("/api/history?limit=1000&"
                    + (head == 0 ? "since=" + started : "after=" + head)));
            JsonNode events = page.get("events");
            if (!events.isEmpty()) {
                head = events.get(events.size() - 1).get("position").asLong();
            }
            if (page.get("next").isNull()) {
                return head;
            }
        }
    }

    /**
     * Records the live answers to {@code paths}. No event may happen meanwhile (a thumbnail being
     * recorded, say): then the head moved and the moment is recorded again.
     */
    Moment record(List<String> paths) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = head();
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (String path : paths) {
                Api.Response response = get(admin, path);
                answers.put(path, new Answer(response.status(), response.bytes()));
            }
            if (head() == before) {
                // events are stamped in milliseconds: a moment strictly between this one's and the next's
                Thread.sleep(3);
                Instant instant = Instant.now();
                Thread.sleep(3);
                Moment moment = new Moment(before, instant, answers);
                moments.add(moment);
                return moment;
            }
        }
        throw new AssertionError("the platform kept changing while the answers were recorded");
    }

    /** Every recorded answer asked again as of its position and as of its instant; what differs, described. */
    List<String> mismatches() {
        List<String> problems = new ArrayList<>();
        for (Moment moment : moments) {
            problems.addAll(mismatches(moment, Long.toString(moment.position()), moment.answers().keySet()));
            problems.addAll(mismatches(moment, moment.instant().toString(), moment.answers().keySet()));
        }
        return problems;
    }

    List<String> mismatches(Moment moment, String asOf, Iterable<String> paths) {
        List<String> problems = new ArrayList<>();
        for (String path : paths) {
            Answer recorded = moment.answers().get(path);
            String asked = path + (path.contains("?") ? "&" : "?") + "as_of=" + asOf;
            Api.Response response = get(admin, asked);
            if (!recorded.sameAs(response)) {
                problems.add(asked + " (head " + moment.position() + "): recorded " + recorded + "\n    answered "
                        + new Answer(response.status(), response.bytes()));
            } else if (!Long.toString(moment.position()).equals(response.header("Macula-As-Of"))) {
                problems.add(asked + ": Macula-As-Of " + response.header("Macula-As-Of") + ", expected "
                        + moment.position());
            }
        }
        return problems;
    }
}
