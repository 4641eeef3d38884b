package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.report.ReportCli;
import dev.macula.tools.support.PlatformClient;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/analytics/tasks/{id}/report}: the HTML report of a real task, fetched over HTTP and
 * rendered by a real browser (Debian's headless {@code chromium}, installed by .ci/run): the parsed
 * DOM holds the charts with their marks, and the screenshot shows them drawn in their colours.
 */
class TaskReportHttpTest extends HttpTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** SvgCharts.PALETTE[0] (bars, first series) and [2] (histogram bins). */
    private static final int BLUE = 0x3366cc;
    private static final int GREEN = 0x2ca02c;
    /** SvgCharts.PALETTE[1]: the second series (IoU, the second grader's line). */
    private static final int ORANGE = 0xdc7f1f;

    private long subtask(Api admin, long task) {
        return admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of())).json().get("id").asLong();
    }

    private void work(Api grader, long subtask) {
        for (String state : List.of("Busy", "Ready")) {
            Api.Response done = grader.patch("/api/subtasks/" + subtask, Map.of("task_state", state));
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
        }
    }

    private long lastPosition(String type, long id) {
        JsonNode history = admin().get("/api/history/" + type + "/" + id).json();
        assertThat(history.size()).as(history.toString()).isPositive();
        return history.get(history.size() - 1).get("position").asLong();
    }

    private static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    @Test
    void aCoordinatorSeesTheTaskReportDrawnInABrowser() throws Exception {
        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("grading"))).json().get("id").asLong();
        String taskName = unique("report <script>alert(1)</script> & co");
        long task = admin.post("/api/task", Map.of("name", taskName, "task_definition_id", definition))
                .json().get("id").asLong();
        long[] subtasks = {subtask(admin, task), subtask(admin, task), subtask(admin, task), subtask(admin, task)};
        Api alice = newUser("alice");
        Api bob = newUser("bob<i>");
        String bobName = bob.get("/api/auth/me").json().get("username").asText();
        work(alice, subtasks[0]);
        work(alice, subtasks[1]);
        long beforeBob = lastPosition("subtask", subtasks[1]);
        work(bob, subtasks[2]);
        assertThat(bob.patch("/api/subtasks/" + subtasks[3], Map.of("task_state", "Busy")).status()).isEqualTo(200);

        String readerName = unique("reader");
        register(readerName, "pw-" + readerName);
        Api.Response report = bob.get("/api/analytics/tasks/" + task + "/report");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("text/html").containsIgnoringCase("utf-8");
        String html = report.body();
        assertThat(html).contains(taskName.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                .contains(bobName.replace("<", "&lt;").replace(">", "&gt;"))
                .doesNotContain("<script>", "<i>");
        assertThat(html).contains("<td>NotStarted</td><td class=\"n\">0</td>", "<td>Busy</td><td class=\"n\">1</td>",
                "<td>Ready</td><td class=\"n\">3</td>");

        // ./macula report task ID --out FILE downloads the same page; the browser opens that file
        Path dir = Files.createTempDirectory("macula-report");
        Path file = dir.resolve("report.html");
        PlatformClient cli = new PlatformClient("http://127.0.0.1:" + port, null, null, null);
        cli.login(readerName, "pw-" + readerName);
        assertThat(ReportCli.download(cli, ReportCli.Options.parse(new String[]{"task", Long.toString(task), "--out",
                file.toString()}))).isEqualTo("wrote " + file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(html);
        String dom = chromium(dir, "--dump-dom", file.toUri().toString());
        assertThat(count(dom, "<svg class=\"chart bar-chart\"")).as("the funnel").isEqualTo(1);
        assertThat(count(dom, "<svg class=\"chart empty\"")).as("no agreement yet: kappa and masks").isEqualTo(2);
        assertThat(count(dom, "<svg class=\"chart line-chart\"")).isEqualTo(1);
        assertThat(count(dom, "<svg class=\"chart histogram\"")).isEqualTo(1);
        String progress = dom.substring(dom.indexOf("<section id=\"progress\">"), dom.indexOf("<section id=\"throughput\">"));
        assertThat(count(progress, "<rect class=\"bar\"")).as("one bar per state").isEqualTo(3);
        String throughput = dom.substring(dom.indexOf("<section id=\"throughput\">"), dom.indexOf("<section id=\"completion\">"));
        assertThat(count(throughput, "<path class=\"series\"")).as("one line per grader").isEqualTo(2);
        // three completions make ⌈√3⌉ = 2 bins, unless they took equally long (the timings are in whole
        // seconds, so a fast machine can finish all three in the same second): then one bin
        JsonNode completions = bob.get("/api/analytics/tasks/" + task).json().get("completion_seconds");
        assertThat(completions).hasSize(3);
        boolean allEqual = completions.get(0).asDouble() == completions.get(2).asDouble();
        assertThat(count(dom, "<rect class=\"bin\"")).as("3 completions %s", completions).isEqualTo(allEqual ? 1 : 2);
        assertThat(count(dom, "<script")).as("the escaped names stayed text").isZero();

        Path shot = dir.resolve("report.png");
        chromium(dir, "--screenshot=" + shot, "--window-size=1200,2600", "--hide-scrollbars", file.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("a PNG from chromium").isNotNull();
        assertThat(pixels(image, BLUE)).as("funnel bars and alice's line drawn in blue").isGreaterThan(500);
        assertThat(pixels(image, GREEN)).as("histogram bins drawn in green").isGreaterThan(500);

        Api.Response then = alice.get("/api/analytics/tasks/" + task + "/report?as_of=" + beforeBob);
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.header("Macula-As-Of")).isEqualTo(Long.toString(beforeBob));
        Path past = dir.resolve("past.html");
        assertThat(ReportCli.download(cli, ReportCli.Options.parse(new String[]{"task", Long.toString(task), "--as-of",
                Long.toString(beforeBob), "--out", past.toString()})))
                .isEqualTo("wrote " + past + " (as of event position " + beforeBob + ")");
        assertThat(Files.readString(past, StandardCharsets.UTF_8)).isEqualTo(then.body());
        assertThat(then.body()).contains("as of event position " + beforeBob)
                .contains("<td>NotStarted</td><td class=\"n\">2</td>", "<td>Ready</td><td class=\"n\">2</td>")
                .doesNotContain(bobName.replace("<", "&lt;").replace(">", "&gt;"));
    }

    @Test
    void unknownTasksAndBadMomentsAreClearErrors() {
        Api grader = newUser("reader");
        Api.Response missing = grader.get("/api/analytics/tasks/999999999/report");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Task not found");
        Api.Response bad = grader.get("/api/analytics/tasks/1/report?as_of=yesterday");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"as_of\"]");
        assertThat(grader.get("/api/analytics/tasks/1/report?as_of=2999-01-01T00:00:00Z").status()).isEqualTo(422);
        assertThat(anonymous().get("/api/analytics/tasks/1/report").status()).isEqualTo(401);

        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("grading"))).json().get("id").asLong();
        long head = lastPosition("task-definition", definition);
        long task = admin.post("/api/task", Map.of("name", unique("later"), "task_definition_id", definition))
                .json().get("id").asLong();
        Api.Response notYet = grader.get("/api/analytics/tasks/" + task + "/report?as_of=" + head);
        assertThat(notYet.status()).as("the task did not exist then").isEqualTo(404);
    }

    /**
     * Agreement needs graders who graded the same images; until the analytics handler computes it, a
     * hand-made analytics answer (the shape {@code GET /api/analytics/tasks/{id}} gives) shows its charts
     * drawn by the browser too: kappa bars (a negative one included, none for an undefined kappa) and
     * Dice/IoU groups.
     */
    @Test
    void theAgreementChartsAreDrawnInABrowserToo() throws Exception {
        JsonNode analytics = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"task_id": 7, "task_name": "agreement", "as_of": null,
                 "subtasks": {"total": 2, "by_state": {"Ready": 2}},
                 "graders": [{"id": 4, "name": "alice", "subtasks_done": 2,
                              "busy_to_ready_seconds": {"median": 310.0, "p90": 900.5}, "edits_per_subtask": 3.4,
                              "done_per_day": [{"date": "2026-12-01", "count": 2}]}],
                 "completion_seconds": [310.0, 900.5],
                 "agreement": {
                   "form_fields": [{"form_schema_id": 3, "field": "drusen", "method": "cohen", "kappa": 0.41,
                                    "items": 10, "graders": [4, 9]},
                                   {"form_schema_id": 3, "field": "<b>size</b>", "method": "cohen", "kappa": null,
                                    "items": 1, "graders": [4, 9]}],
                   "tags": [{"tag_id": 5, "tag": "Drusen", "method": "fleiss", "kappa": -0.2, "items": 8,
                             "graders": [4, 9, 11]}],
                   "segmentations": [{"feature_id": 2, "feature": "Vessels", "dice_mean": 0.8, "iou_mean": 0.67,
                                      "items": 4, "pairs": [{"graders": [4, 9], "dice": 0.8, "iou": 0.67, "items": 4}]}]}}
                """);
        Path dir = Files.createTempDirectory("macula-report");
        Path file = dir.resolve("agreement.html");
        Files.writeString(file, dev.macula.query.analytics.TaskReport.render(analytics), StandardCharsets.UTF_8);
        String dom = chromium(dir, "--dump-dom", file.toUri().toString());
        String kappa = dom.substring(dom.indexOf("<section id=\"agreement-kappa\">"),
                dom.indexOf("<section id=\"agreement-masks\">"));
        assertThat(count(kappa, "<rect class=\"bar\"")).as("0.41 and -0.2; no bar for null").isEqualTo(2);
        assertThat(kappa).contains("form 3: &lt;b&gt;size&lt;/b&gt;").doesNotContain("<b>");
        String masks = dom.substring(dom.indexOf("<section id=\"agreement-masks\">"));
        assertThat(count(masks, "<svg class=\"chart grouped-bar-chart\"")).isEqualTo(1);
        assertThat(count(masks, "<rect class=\"bar\"")).as("Dice and IoU of Vessels").isEqualTo(2);

        Path shot = dir.resolve("agreement.png");
        chromium(dir, "--screenshot=" + shot, "--window-size=1200,2600", "--hide-scrollbars", file.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(pixels(image, ORANGE)).as("the IoU bar drawn in orange").isGreaterThan(500);
    }

    /** How many pixels have this colour (±12 per channel, for anti-aliasing). */
    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 12
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs headless chromium on the report; its standard output. */
    private static String chromium(Path dir, String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it)", CHROMIUM)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        File out = dir.resolve("chromium.out").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(out)
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        assertThat(process.exitValue()).as("chromium: " + Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readString(out.toPath());
    }
}
