package dev.macula.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.query.analytics.SvgCharts.Bar;
import dev.macula.query.analytics.SvgCharts.Bin;
import dev.macula.query.analytics.SvgCharts.Series;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.macula.query.analytics.Markup.escape;
import static dev.macula.query.analytics.Markup.number;

/**
 * The task report people look at ({@code GET /api/analytics/tasks/{id}/report}, {@code ./macula report
 * task}): one self-contained HTML page made from the analytics JSON of {@code GET /api/analytics/tasks/{id}}
 * — progress funnel, throughput per grader over time, time-to-complete distribution and agreement per
 * field, tag and segmentation feature, each a chart ({@link SvgCharts}) with its numbers in a table
 * beside it. A pure function of that JSON: no clock, no database.
 */
public final class TaskReport {

    /** Sub-task states in the order work flows through them; any other state follows. */
    private static final List<String> FUNNEL = List.of("NotStarted", "Busy", "Ready");
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#222}
            h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#666;margin-top:0}
            section{margin:2rem 0;border-top:1px solid #ddd;padding-top:.5rem}
            .row{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
            table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
            svg.chart{font-size:11px;fill:#222;max-width:100%;height:auto}svg .tick{fill:#555}
            """;

    private TaskReport() {
    }

    /** The whole page for analytics of the shape {@code GET /api/analytics/tasks/{id}} answers. */
    public static String render(JsonNode analytics) {
        String name = analytics.path("task_name").asText("");
        long taskId = analytics.path("task_id").asLong();
        Map<Long, String> graders = graderNames(analytics.path("graders"));
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Task report: ").append(escape(name)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>Task report: ").append(escape(name)).append("</h1>")
                .append("<p class=\"meta\">Task ").append(taskId).append(" · ").append(asOf(analytics.path("as_of")))
                .append("</p>\n");
        progress(html, analytics.path("subtasks"));
        throughput(html, analytics.path("graders"));
        completion(html, analytics.path("completion_seconds"));
        agreement(html, analytics.path("agreement"), graders);
        return html.append("</body></html>\n").toString();
    }

    private static String asOf(JsonNode asOf) {
        return asOf.isNull() || asOf.isMissingNode() ? "as of now" : "as of event position " + escape(asOf.asText());
    }

    private static void progress(StringBuilder html, JsonNode subtasks) {
        Map<String, Long> byState = new LinkedHashMap<>();
        FUNNEL.forEach(state -> byState.put(state, subtasks.path("by_state").path(state).asLong(0)));
        subtasks.path("by_state").properties().forEach(e -> byState.putIfAbsent(e.getKey(), e.getValue().asLong()));
        long total = subtasks.path("total").asLong(byState.values().stream().mapToLong(Long::longValue).sum());
        List<Bar> bars = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        byState.forEach((state, count) -> {
            bars.add(new Bar(state, (double) count));
            rows.append(row(escape(state), num(count), num(total == 0 ? null : 100.0 * count / total, 1)));
        });
        rows.append(row("<strong>Total</strong>", num(total), num(total == 0 ? null : 100.0, 1)));
        section(html, "progress", "Progress", SvgCharts.barChart("Sub-tasks per state", bars, 0, 1),
                table(List.of("State", "Sub-tasks", "%"), rows));
    }

    private static void throughput(StringBuilder html, JsonNode graders) {
        TreeSet<String> dates = new TreeSet<>();
        graders.forEach(g -> g.path("done_per_day").forEach(day -> dates.add(day.path("date").asText())));
        List<String> days = List.copyOf(dates);
        List<Series> series = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (JsonNode grader : graders) {
            Map<String, Double> perDay = new HashMap<>();
            grader.path("done_per_day").forEach(day -> perDay.merge(day.path("date").asText(),
                    day.path("count").asDouble(), Double::sum));
            series.add(new Series(graderName(grader), days.stream().map(d -> perDay.getOrDefault(d, 0.0)).toList()));
            JsonNode timing = grader.path("busy_to_ready_seconds");
            rows.append(row(escape(graderName(grader)), num(grader.path("subtasks_done").asLong()),
                    num(minutes(timing.path("median")), 1), num(minutes(timing.path("p90")), 1),
                    num(decimal(grader.path("edits_per_subtask")), 2)));
        }
        section(html, "throughput", "Throughput per grader",
                SvgCharts.lineChart("Sub-tasks done per day, per grader", days, series),
                table(List.of("Grader", "Sub-tasks done", "Busy→Ready median (min)", "p90 (min)", "Edits per sub-task"),
                        rows));
    }

    private static void completion(StringBuilder html, JsonNode seconds) {
        List<Double> values = new ArrayList<>();
        seconds.forEach(v -> {
            if (v.isNumber()) {
                values.add(v.asDouble());
            }
        });
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double scale = max < 120 ? 1 : max < 7200 ? 60 : 3600;
        String unit = scale == 1 ? "s" : scale == 60 ? "min" : "h";
        List<Bin> bins = SvgCharts.bins(values);
        StringBuilder rows = new StringBuilder();
        for (Bin bin : bins) {
            rows.append(row(escape(SvgCharts.range(bin, scale, unit)), num(bin.count())));
        }
        rows.append(row("<strong>Sub-tasks</strong>", num(values.size())));
        section(html, "completion", "Time to complete (Busy → Ready)",
                SvgCharts.histogram("Time to complete, " + unit, bins, scale, unit),
                table(List.of("Time (" + unit + ")", "Sub-tasks"), rows));
    }

    private static void agreement(StringBuilder html, JsonNode agreement, Map<Long, String> graders) {
        List<Bar> kappas = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (JsonNode field : agreement.path("form_fields")) {
            String label = "form " + field.path("form_schema_id").asText() + ": " + field.path("field").asText();
            kappas.add(new Bar(label, decimal(field.path("kappa"))));
            rows.append(kappaRow("form field", label, field, graders));
        }
        for (JsonNode tag : agreement.path("tags")) {
            String label = "tag: " + tag.path("tag").asText();
            kappas.add(new Bar(label, decimal(tag.path("kappa"))));
            rows.append(kappaRow("tag", label, tag, graders));
        }
        section(html, "agreement-kappa", "Agreement on form fields and tags (kappa)",
                SvgCharts.barChart("Kappa per form field and tag", kappas, 0, 1),
                table(List.of("Kind", "Field or tag", "Method", "Kappa", "Items", "Graders"), rows));

        List<String> features = new ArrayList<>();
        List<Double> dice = new ArrayList<>();
        List<Double> iou = new ArrayList<>();
        StringBuilder masks = new StringBuilder();
        for (JsonNode feature : agreement.path("segmentations")) {
            String name = feature.path("feature").asText();
            features.add(name);
            dice.add(decimal(feature.path("dice_mean")));
            iou.add(decimal(feature.path("iou_mean")));
            List<String> pairs = new ArrayList<>();
            feature.path("pairs").forEach(pair -> pairs.add(escape(graderList(pair.path("graders"), graders))
                    + ": Dice " + number(decimal(pair.path("dice")), 3) + ", IoU " + number(decimal(pair.path("iou")), 3)
                    + " (" + pair.path("items").asLong() + ")"));
            masks.append(row(escape(name), num(decimal(feature.path("dice_mean")), 3),
                    num(decimal(feature.path("iou_mean")), 3), num(feature.path("items").asLong()),
                    String.join("<br>", pairs)));
        }
        section(html, "agreement-masks", "Agreement on segmentations (Dice, IoU)",
                SvgCharts.groupedBarChart("Mean Dice and IoU per feature", features,
                        List.of(new Series("Dice", dice), new Series("IoU", iou)), 1),
                table(List.of("Feature", "Dice (mean)", "IoU (mean)", "Items", "Per grader pair"), masks));
    }

    private static String kappaRow(String kind, String label, JsonNode entry, Map<Long, String> graders) {
        return row(kind, escape(label), escape(entry.path("method").asText()), num(decimal(entry.path("kappa")), 3),
                num(entry.path("items").asLong()), escape(graderList(entry.path("graders"), graders)));
    }

    private static Map<Long, String> graderNames(JsonNode graders) {
        Map<Long, String> names = new HashMap<>();
        graders.forEach(g -> names.put(g.path("id").asLong(), graderName(g)));
        return names;
    }

    private static String graderName(JsonNode grader) {
        String name = grader.path("name").asText("");
        return name.isEmpty() ? "#" + grader.path("id").asText() : name;
    }

    private static String graderList(JsonNode ids, Map<Long, String> names) {
        List<String> list = new ArrayList<>();
        ids.forEach(id -> list.add(names.getOrDefault(id.asLong(), "#" + id.asText())));
        return String.join(" – ", list);
    }

    private static Double decimal(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }

    private static Double minutes(JsonNode seconds) {
        return seconds.isNumber() ? seconds.asDouble() / 60 : null;
    }

    private static void section(StringBuilder html, String id, String heading, String chart, String table) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(escape(heading))
                .append("</h2><div class=\"row\"><figure>").append(chart).append("</figure>").append(table)
                .append("</div></section>\n");
    }

    private static String table(List<String> headings, CharSequence rows) {
        StringBuilder table = new StringBuilder("<table><thead><tr>");
        headings.forEach(h -> table.append("<th>").append(escape(h)).append("</th>"));
        return table.append("</tr></thead><tbody>").append(rows).append("</tbody></table>").toString();
    }

    /** A table row of cells that are already HTML; numeric cells come from {@link #num}. */
    private static String row(String... cells) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append(cell.startsWith("<td") ? cell : "<td>" + cell + "</td>");
        }
        return row.append("</tr>").toString();
    }

    private static String num(long value) {
        return "<td class=\"n\">" + value + "</td>";
    }

    private static String num(Double value, int decimals) {
        return "<td class=\"n\">" + number(value, decimals) + "</td>";
    }
}
