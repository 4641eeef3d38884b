package dev.macula.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The platform's {@code Server-Timing} headers of a benchmark's requests, summed up. */
final class ServerTimings {

    private ServerTimings() {
    }

    /** Medians per metric, e.g. {@code search 3.1 ms, render 9.0 ms, serialize 1.2 ms}. */
    static String medians(List<String> headers) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String header : headers) {
            for (String metric : header.split(",")) {
                String[] parts = metric.trim().split(";dur=");
                if (parts.length == 2) {
                    values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
                }
            }
        }
        List<String> medians = new ArrayList<>();
        values.forEach((name, list) -> {
            list.sort(Double::compare);
            medians.add(String.format(java.util.Locale.ROOT, "%s %.1f ms", name, list.get(list.size() / 2)));
        });
        return String.join(", ", medians);
    }
}
