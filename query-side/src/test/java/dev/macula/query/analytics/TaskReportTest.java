package dev.macula.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report page from a hand-made analytics JSON: charts with the right marks, numbers in tables, escaping. */
class TaskReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    private static final String ANALYTICS = """
            {"task_id": 7, "task_name": "Drusen <b>study</b> & co", "as_of": 1234,
             "subtasks": {"total": 12, "by_state": {"NotStarted": 3, "Busy": 2, "Ready": 7}},
             "graders": [
               {"id": 4, "name": "alice", "subtasks_done": 5, "busy_to_ready_seconds": {"median": 310.0, "p90": 900.5},
                "edits_per_subtask": 3.4,
                "done_per_day": [{"date": "2026-12-01", "count": 3}, {"date": "2026-12-03", "count": 2}]},
               {"id": 9, "name": "<img src=x onerror=alert(1)>", "subtasks_done": 2,
                "busy_to_ready_seconds": {"median": null, "p90": null}, "edits_per_subtask": null,
                "done_per_day": [{"date": "2026-12-02", "count": 2}]}],
             "completion_seconds": [310.0, 455.2, 600, 620, 900.5, 1200, 30],
             "agreement": {
               "form_fields": [{"form_schema_id": 3, "field": "drusen", "method": "cohen", "kappa": 0.41, "items": 10,
                                "graders": [4, 9]},
                               {"form_schema_id": 3, "field": "FIELD", "method": "cohen", "kappa": null, "items": 1,
                                "graders": [4, 9]}],
               "tags": [{"tag_id": 5, "tag": "Drusen", "method": "fleiss", "kappa": -0.2, "items": 8, "graders": [4, 9, 11]}],
               "segmentations": [{"feature_id": 2, "feature": "Vessels", "dice_mean": 0.8, "iou_mean": 0.67, "items": 4,
                                  "pairs": [{"graders": [4, 9], "dice": 0.8, "iou": 0.67, "items": 4}]}]}}
            """.replace("FIELD", HOSTILE.replace("\"", "\\\""));

    private static String report() throws Exception {
        return TaskReport.render(JSON.readTree(ANALYTICS));
    }

    /** The HTML of one section of the report. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    @Test
    void everyUserProvidedStringIsEscaped() throws Exception {
        String html = report();
        assertThat(html).doesNotContain("<script>", "<b>study", "<img src=x")
                .contains("Drusen &lt;b&gt;study&lt;/b&gt; &amp; co")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(count(html, "<script")).isZero();
        assertThat(html).doesNotContain("url(", "@import", "<link", "<img")
                .as("self-contained: only the SVG namespace is a URL")
                .contains("http://www.w3.org/2000/svg");
        assertThat(count(html.replace("http://www.w3.org/2000/svg", ""), "https?://")).isZero();
    }

    @Test
    void theFunnelHasABarPerStateAndTheCountsInItsTable() throws Exception {
        String progress = section(report(), "progress");
        assertThat(count(progress, "<svg class=\"chart bar-chart\"")).isEqualTo(1);
        assertThat(count(progress, "<rect class=\"bar\"")).isEqualTo(3);
        assertThat(progress).contains("<title>NotStarted: 3</title>", "<title>Busy: 2</title>", "<title>Ready: 7</title>")
                .contains("<td>Ready</td><td class=\"n\">7</td><td class=\"n\">58.3</td>")
                .contains("<td><strong>Total</strong></td><td class=\"n\">12</td>");
        assertThat(progress.indexOf("NotStarted")).as("funnel order").isLessThan(progress.indexOf(">Busy"));
    }

    @Test
    void throughputIsALinePerGraderOverAllDatesWithTheTimingsInMinutes() throws Exception {
        String throughput = section(report(), "throughput");
        assertThat(count(throughput, "<path class=\"series\"")).isEqualTo(2);
        assertThat(count(throughput, "<circle class=\"point\"")).as("2 graders × 3 dates").isEqualTo(6);
        assertThat(throughput).contains("alice, 2026-12-02: 0</title>", "alice, 2026-12-03: 2</title>")
                .contains("<td>alice</td><td class=\"n\">5</td><td class=\"n\">5.2</td><td class=\"n\">15</td>"
                        + "<td class=\"n\">3.4</td>")
                .contains("<td class=\"n\">2</td><td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td>");
    }

    @Test
    void completionTimesAreAHistogramWhoseBinsAddUpToTheSubtasks() throws Exception {
        String completion = section(report(), "completion");
        int bins = count(completion, "<rect class=\"bin\"");
        assertThat(bins).as("⌈√7⌉ bins").isEqualTo(3);
        Matcher counts = Pattern.compile("<rect class=\"bin\"[^>]*><title>[^<]*: (\\d+)</title>").matcher(completion);
        int sum = 0;
        while (counts.find()) {
            sum += Integer.parseInt(counts.group(1));
        }
        assertThat(sum).isEqualTo(7);
        assertThat(completion).contains("Time (min)", "<td>0.5–7 min</td><td class=\"n\">2</td>", "<td>7–13.5 min</td><td class=\"n\">3</td>",
                "<td><strong>Sub-tasks</strong></td><td class=\"n\">7</td>");
    }

    @Test
    void agreementShowsKappaBarsIncludingNegativeAndNoBarWhenUndefined() throws Exception {
        String html = report();
        String kappa = section(html, "agreement-kappa");
        assertThat(count(kappa, "<rect class=\"bar\"")).as("kappa null draws no bar").isEqualTo(2);
        assertThat(kappa).contains("<title>tag: Drusen: -0.2</title>", "<title>form 3: drusen: 0.41</title>")
                .contains("<td class=\"n\">0.41</td><td class=\"n\">10</td><td>alice – &lt;img src=x onerror=alert(1)&gt;</td>")
                .contains("alice – &lt;img src=x onerror=alert(1)&gt; – #11");
        String masks = section(html, "agreement-masks");
        assertThat(count(masks, "<rect class=\"bar\"")).as("Dice and IoU for one feature").isEqualTo(2);
        assertThat(masks).contains("<td>Vessels</td><td class=\"n\">0.8</td><td class=\"n\">0.67</td><td class=\"n\">4</td>")
                .contains("Dice 0.8, IoU 0.67 (4)");
    }

    @Test
    void emptyAnalyticsStillMakeAPageThatSaysThereIsNoData() throws Exception {
        JsonNode empty = JSON.readTree("""
                {"task_id": 1, "task_name": "new", "as_of": null, "subtasks": {"total": 0, "by_state": {}},
                 "graders": [], "completion_seconds": [],
                 "agreement": {"form_fields": [], "tags": [], "segmentations": []}}""");
        String html = TaskReport.render(empty);
        assertThat(html).contains("as of now");
        assertThat(count(html, "<svg class=\"chart empty\"")).isEqualTo(4);
        assertThat(count(section(html, "progress"), "<rect class=\"bar\"")).as("zero-count states still get a stub bar")
                .isEqualTo(3);
    }

    @Test
    void binsCoverEveryValueOnce() {
        assertThat(SvgCharts.bins(java.util.List.of(5.0, 5.0))).containsExactly(new SvgCharts.Bin(5, 6, 2));
        assertThat(SvgCharts.bins(java.util.List.of(0.0, 10.0, 4.9, 5.0)))
                .containsExactly(new SvgCharts.Bin(0, 5, 2), new SvgCharts.Bin(5, 10, 2));
    }

    @Test
    void escapeCoversMarkupAndQuotes() {
        assertThat(Markup.escape("a<b>&\"c'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;\uFFFD");
        assertThat(Markup.number(0.41000, 3)).isEqualTo("0.41");
        assertThat(Markup.number(null, 3)).isEqualTo("—");
    }
}
