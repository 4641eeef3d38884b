package dev.macula.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platform's {@code Server-Timing} headers of a benchmark's requests, summed up. */
final class ServerTimings {

    private ServerTimings() {
    }

    /**
     * Median and 99th percentile per metric, e.g. {@code search 3.1 ms (p99 9.4), render 9.0 ms (p99 20.1)}:
     * the tail shows which part a slow answer was slow in.
     */
    static String percentiles(List<String> headers) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String header : headers) {
            for (String metric : header.split(",")) {
                String[] parts = metric.trim().split(";dur=");
                if (parts.length == 2) {
                    values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        values.forEach((name, list) -> {
            double[] p = Latencies.percentiles(list.stream().mapToDouble(Double::doubleValue).toArray());
            parts.add(String.format(java.util.Locale.ROOT, "%s %.1f ms (p99 %.1f)", name, p[0], p[1]));
        });
        return String.join(", ", parts);
    }
}
