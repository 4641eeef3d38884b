package dev.macula.query.analytics;

import java.util.List;

import static dev.macula.query.analytics.Markup.coordinate;
import static dev.macula.query.analytics.Markup.escape;
import static dev.macula.query.analytics.Markup.number;
import static dev.macula.query.analytics.Markup.shorten;

/**
 * Small charts as inline SVG, so a report opens offline with no scripts, fonts or images. Every
 * chart is an {@code <svg class="chart …">} with an accessible label; its marks carry a class
 * ({@code bar}, {@code bin}, {@code series}, {@code point}) and a {@code <title>} with the exact
 * value, which tests and readers can count on. No data draws a chart that says so.
 */
final class SvgCharts {

    static final String[] PALETTE = {"#3366cc", "#dc7f1f", "#2ca02c", "#b82e2e", "#8e44ad", "#16a2b8", "#7f7f7f",
            "#bcbd22"};
    private static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW = 26;

    private SvgCharts() {
    }

    /** One labelled value of a bar chart; a null value draws no bar (e.g. kappa undefined). */
    record Bar(String label, Double value) {
    }

    /** A named line of a line chart, one y value per x label (null: no point there). */
    record Series(String name, List<Double> values) {
    }

    /** A histogram bin [from, to) (the last one includes {@code to}) and how many values fell into it. */
    record Bin(double from, double to, int count) {
    }

    /**
     * Horizontal bars from zero; negative values go left of the zero line. The scale spans at least
     * [{@code min}, {@code max}], wider when a value lies outside.
     */
    static String barChart(String label, List<Bar> bars, double min, double max) {
        if (bars.isEmpty()) {
            return empty(label);
        }
        for (Bar bar : bars) {
            if (bar.value() != null) {
                min = Math.min(min, bar.value());
                max = Math.max(max, bar.value());
            }
        }
        double span = max - min == 0 ? 1 : max - min;
        int plot = WIDTH - LABEL_WIDTH - 60;
        int height = bars.size() * ROW + 30;
        double zero = LABEL_WIDTH + (0 - min) / span * plot;
        StringBuilder svg = open("bar-chart", label, WIDTH, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 10 + i * ROW;
            svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"")
                    .append(coordinate(y + ROW / 2.0 + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(shorten(bar.label(), 24))).append("<title>").append(escape(bar.label()))
                    .append("</title></text>");
            if (bar.value() == null) {
                svg.append("<text class=\"value\" x=\"").append(coordinate(zero + 4)).append("\" y=\"")
                        .append(coordinate(y + ROW / 2.0 + 4)).append("\">—</text>");
                continue;
            }
            double end = LABEL_WIDTH + (bar.value() - min) / span * plot;
            double x = Math.min(zero, end);
            svg.append("<rect class=\"bar\" x=\"").append(coordinate(x)).append("\" y=\"").append(coordinate(y + 3))
                    .append("\" width=\"").append(coordinate(Math.max(Math.abs(end - zero), 1))).append("\" height=\"")
                    .append(ROW - 6).append("\" fill=\"").append(PALETTE[0]).append("\"><title>")
                    .append(escape(bar.label())).append(": ").append(number(bar.value(), 3)).append("</title></rect>");
            svg.append("<text class=\"value\" x=\"").append(coordinate(Math.max(zero, end) + 4)).append("\" y=\"")
                    .append(coordinate(y + ROW / 2.0 + 4)).append("\">").append(number(bar.value(), 3)).append("</text>");
        }
        line(svg, zero, 6, zero, height - 20, "axis");
        svg.append("<text class=\"tick\" x=\"").append(coordinate(LABEL_WIDTH)).append("\" y=\"").append(height - 6)
                .append("\">").append(number(min, 2)).append("</text><text class=\"tick\" x=\"")
                .append(coordinate(LABEL_WIDTH + plot)).append("\" y=\"").append(height - 6)
                .append("\" text-anchor=\"end\">").append(number(max, 2)).append("</text>");
        return svg.append("</svg>").toString();
    }

    /** Vertical bars in groups: one group per category, one bar per series (values in [0, max]). */
    static String groupedBarChart(String label, List<String> categories, List<Series> series, double max) {
        if (categories.isEmpty() || series.isEmpty()) {
            return empty(label);
        }
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        int height = 240;
        int left = 40;
        int top = 30;
        int bottom = height - 40;
        double group = (WIDTH - left - 10.0) / categories.size();
        double barWidth = Math.min(40, (group - 12) / series.size());
        StringBuilder svg = open("grouped-bar-chart", label, WIDTH, height);
        legend(svg, series, left);
        for (int c = 0; c < categories.size(); c++) {
            double x0 = left + c * group + (group - barWidth * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                Double v = series.get(s).values().get(c);
                if (v == null) {
                    continue;
                }
                double h = (bottom - top) * (max == 0 ? 0 : v / max);
                svg.append("<rect class=\"bar\" x=\"").append(coordinate(x0 + s * barWidth)).append("\" y=\"")
                        .append(coordinate(bottom - h)).append("\" width=\"").append(coordinate(barWidth - 2))
                        .append("\" height=\"").append(coordinate(Math.max(h, 1))).append("\" fill=\"")
                        .append(PALETTE[s % PALETTE.length]).append("\"><title>").append(escape(categories.get(c)))
                        .append(", ").append(escape(series.get(s).name())).append(": ").append(number(v, 3))
                        .append("</title></rect>");
            }
            svg.append("<text class=\"label\" x=\"").append(coordinate(left + c * group + group / 2)).append("\" y=\"")
                    .append(bottom + 16).append("\" text-anchor=\"middle\">")
                    .append(escape(shorten(categories.get(c), (int) Math.max(4, group / 8)))).append("<title>")
                    .append(escape(categories.get(c))).append("</title></text>");
        }
        yAxis(svg, left, top, bottom, max);
        return svg.append("</svg>").toString();
    }

    /** One line per series over the x labels (e.g. dates), with a dot at every value. */
    static String lineChart(String label, List<String> xLabels, List<Series> series) {
        if (xLabels.isEmpty() || series.isEmpty()) {
            return empty(label);
        }
        double max = 1;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        int height = 260;
        int left = 40;
        int right = WIDTH - 40; // room for the last date label
        int top = 30;
        int bottom = height - 40;
        double step = xLabels.size() == 1 ? 0 : (right - left - 20.0) / (xLabels.size() - 1);
        StringBuilder svg = open("line-chart", label, WIDTH, height);
        legend(svg, series, left);
        for (int s = 0; s < series.size(); s++) {
            String colour = PALETTE[s % PALETTE.length];
            StringBuilder d = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            List<Double> values = series.get(s).values();
            for (int i = 0; i < xLabels.size(); i++) {
                Double v = values.get(i);
                if (v == null) {
                    continue;
                }
                double x = left + 10 + (xLabels.size() == 1 ? (right - left - 20) / 2.0 : i * step);
                double y = bottom - (bottom - top) * v / max;
                d.append(d.isEmpty() ? "M" : " L").append(coordinate(x)).append(' ').append(coordinate(y));
                dots.append("<circle class=\"point\" cx=\"").append(coordinate(x)).append("\" cy=\"")
                        .append(coordinate(y)).append("\" r=\"3.5\" fill=\"").append(colour).append("\"><title>")
                        .append(escape(series.get(s).name())).append(", ").append(escape(xLabels.get(i))).append(": ")
                        .append(number(v, 2)).append("</title></circle>");
            }
            if (!d.isEmpty()) {
                svg.append("<path class=\"series\" d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"><title>").append(escape(series.get(s).name())).append("</title></path>");
            }
            svg.append(dots);
        }
        int every = Math.max(1, (int) Math.ceil(xLabels.size() / 8.0));
        for (int i = 0; i < xLabels.size(); i += every) {
            double x = left + 10 + (xLabels.size() == 1 ? (right - left - 20) / 2.0 : i * step);
            svg.append("<text class=\"tick\" x=\"").append(coordinate(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\">").append(escape(xLabels.get(i))).append("</text>");
        }
        yAxis(svg, left, top, bottom, max);
        return svg.append("</svg>").toString();
    }

    /** Equal-width bins over [min, max] of the values: about √n of them, 1 to 12. */
    static List<Bin> bins(List<Double> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        int n = max == min ? 1 : (int) Math.max(1, Math.min(12, Math.ceil(Math.sqrt(values.size()))));
        double width = max == min ? 1 : (max - min) / n;
        int[] counts = new int[n];
        for (double v : values) {
            counts[Math.min(n - 1, (int) ((v - min) / width))]++;
        }
        Bin[] bins = new Bin[n];
        for (int i = 0; i < n; i++) {
            bins[i] = new Bin(min + i * width, i == n - 1 && max != min ? max : min + (i + 1) * width, counts[i]);
        }
        return List.of(bins);
    }

    /** Adjacent columns, one per bin, labelled with the bin's range in {@code unit} ({@code scale} per unit). */
    static String histogram(String label, List<Bin> bins, double scale, String unit) {
        if (bins.isEmpty()) {
            return empty(label);
        }
        int height = 240;
        int left = 40;
        int top = 20;
        int bottom = height - 40;
        int most = bins.stream().mapToInt(Bin::count).max().orElse(1);
        double width = (WIDTH - left - 10.0) / bins.size();
        StringBuilder svg = open("histogram", label, WIDTH, height);
        for (int i = 0; i < bins.size(); i++) {
            Bin bin = bins.get(i);
            double h = (bottom - top) * (double) bin.count() / Math.max(most, 1);
            String range = range(bin, scale, unit);
            svg.append("<rect class=\"bin\" x=\"").append(coordinate(left + i * width + 1)).append("\" y=\"")
                    .append(coordinate(bottom - h)).append("\" width=\"").append(coordinate(width - 2))
                    .append("\" height=\"").append(coordinate(h)).append("\" fill=\"").append(PALETTE[2])
                    .append("\"><title>").append(escape(range)).append(": ").append(bin.count()).append("</title></rect>");
        }
        svg.append("<text class=\"tick\" x=\"").append(left).append("\" y=\"").append(bottom + 16).append("\">")
                .append(number(bins.getFirst().from() / scale, 1)).append(' ').append(escape(unit))
                .append("</text><text class=\"tick\" x=\"").append(WIDTH - 10).append("\" y=\"").append(bottom + 16)
                .append("\" text-anchor=\"end\">").append(number(bins.getLast().to() / scale, 1)).append(' ')
                .append(escape(unit)).append("</text>");
        yAxis(svg, left, top, bottom, most);
        return svg.append("</svg>").toString();
    }

    /** "from–to unit" with enough decimals to tell narrow bins apart. */
    static String range(Bin bin, double scale, String unit) {
        double width = (bin.to() - bin.from()) / scale;
        int decimals = width <= 0 || width >= 1 ? 1 : (int) Math.min(3, Math.ceil(-Math.log10(width)) + 1);
        return number(bin.from() / scale, decimals) + "–" + number(bin.to() / scale, decimals) + " " + unit;
    }

    private static StringBuilder open(String kind, String label, int width, int height) {
        return new StringBuilder().append("<svg class=\"chart ").append(kind)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" aria-label=\"").append(escape(label)).append("\"><title>")
                .append(escape(label)).append("</title>");
    }

    private static String empty(String label) {
        return open("empty", label, WIDTH, 40).append("<text class=\"label\" x=\"10\" y=\"25\">No data yet</text></svg>")
                .toString();
    }

    private static void legend(StringBuilder svg, List<Series> series, int left) {
        double x = left;
        for (int s = 0; s < series.size(); s++) {
            String name = shorten(series.get(s).name(), 18);
            svg.append("<rect class=\"legend\" x=\"").append(coordinate(x)).append("\" y=\"6\" width=\"10\" height=\"10\" fill=\"")
                    .append(PALETTE[s % PALETTE.length]).append("\"/><text class=\"legend\" x=\"")
                    .append(coordinate(x + 14)).append("\" y=\"15\">").append(escape(name)).append("</text>");
            x += 24 + name.length() * 7;
        }
    }

    private static void yAxis(StringBuilder svg, int left, int top, int bottom, double max) {
        line(svg, left, top, left, bottom, "axis");
        line(svg, left, bottom, WIDTH - 10, bottom, "axis");
        svg.append("<text class=\"tick\" x=\"").append(left - 4).append("\" y=\"").append(top + 4)
                .append("\" text-anchor=\"end\">").append(number(max, 2)).append("</text><text class=\"tick\" x=\"")
                .append(left - 4).append("\" y=\"").append(bottom).append("\" text-anchor=\"end\">0</text>");
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String kind) {
        svg.append("<line class=\"").append(kind).append("\" x1=\"").append(coordinate(x1)).append("\" y1=\"")
                .append(coordinate(y1)).append("\" x2=\"").append(coordinate(x2)).append("\" y2=\"")
                .append(coordinate(y2)).append("\" stroke=\"#555\"/>");
    }
}
