package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code target/bench/summary.json}: every benchmark adds its measures as
 * {@code {"<name>": {"macula": x, "raw": y, "ratio": r, "unit": "…"}}}, where ratio = macula/raw for
 * rates and raw/macula for latencies, so higher is always better. Run as a main, it prints the table.
 */
public final class BenchSummary {

    static final Path FILE = Path.of("target", "bench", "summary.json");
    static final Path HEAP_FILE = Path.of("target", "bench", "heap.tsv");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchSummary() {
    }

    /** Adds (or replaces) one measure in the summary file. */
    static synchronized void record(String name, double macula, double raw, String unit, boolean latency) {
        try {
            Files.createDirectories(FILE.getParent());
            ObjectNode summary = Files.exists(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile()) : JSON.createObjectNode();
            ObjectNode entry = summary.putObject(name);
            entry.put("macula", round(macula));
            entry.put("raw", round(raw));
            entry.put("ratio", ratio(macula, raw, latency));
            entry.put("unit", unit);
            JSON.writerWithDefaultPrettyPrinter().writeValue(FILE.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Higher is better: macula/raw for rates, raw/macula for latencies; three decimals. */
    static double ratio(double macula, double raw, boolean latency) {
        return Math.round((latency ? raw / macula : macula / raw) * 1000) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Prints the summary as a table. */
    public static void main(String[] args) throws IOException {
        if (!Files.exists(FILE)) {
            System.err.println("no " + FILE + " yet: run ./macula bench first");
            System.exit(1);
        }
        JsonNode summary = JSON.readTree(FILE.toFile());
        System.out.printf("%n%-22s %14s %14s %8s  %s%n", "measure", "macula", "raw", "ratio", "unit");
        summary.fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "%-22s %14.1f %14.1f %8.3f  %s%n",
                e.getKey(), e.getValue().get("macula").asDouble(), e.getValue().get("raw").asDouble(),
                e.getValue().get("ratio").asDouble(), e.getValue().get("unit").asText()));
        System.out.println("ratio: macula/raw for rates, raw/macula for latencies — higher is better; file: "
                + FILE.toAbsolutePath());
        if (Files.exists(HEAP_FILE)) {
            // written by ./macula from each platform's GC log: "<benchmark>\t<MB>"
            System.out.printf("%nplatform heap peak (largest heap in use when a collection began):%n");
            for (String line : Files.readAllLines(HEAP_FILE)) {
                String[] fields = line.split("\t");
                if (fields.length == 2) {
                    System.out.printf(Locale.ROOT, "  %-20s %6s MB%n", fields[0], fields[1]);
                }
            }
        }
    }
}
