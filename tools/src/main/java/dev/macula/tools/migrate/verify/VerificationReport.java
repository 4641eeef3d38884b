package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code --verify} found: per table the rows of the original, of Macula and those the migration
 * skips with a stated reason; every answer's mismatches grouped by kind and field (the first few with
 * object, field, expected and actual); the allowed differences (documented fixes and gaps) summarised.
 * Clean, and exit status 0, only without any mismatch.
 */
public final class VerificationReport {

    private static final int EXAMPLES = 3;
    private static final int SHOWN = 160;

    private final List<TableCount> tables = new ArrayList<>();
    private final Map<String, Group> mismatches = new TreeMap<>();
    private final Map<String, Group> allowed = new TreeMap<>();
    private final Map<String, Long> checked = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * One table: rows in the original, in Macula ({@code null}: the table is not migrated, {@code why}),
     * and those the migration skips with a stated reason (reason → rows).
     */
    public record TableCount(String table, long source, Long macula, Map<String, Long> skipped, String notMigrated,
                             List<String> missing, List<String> extra) {

        public long skippedRows() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Every row arrived except those skipped for a stated reason, and Macula holds nothing else. */
        public boolean ok() {
            return notMigrated != null || (macula == source - skippedRows() && missing.isEmpty() && extra.isEmpty());
        }
    }

    /** One difference: which object, which field, what the original would answer and what Macula answers. */
    public record Difference(String kind, String object, String path, String expected, String actual) {
    }

    private record Group(String title, List<Difference> examples, long[] count) {
    }

    synchronized void table(TableCount count) {
        tables.add(count);
    }

    synchronized void checked(String what, long count) {
        checked.merge(what, count, Long::sum);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    /** The sink for the differences of one object's answer ({@code kind} "instance", {@code object} "17"). */
    JsonDiff.Sink of(String kind, String object) {
        return new JsonDiff.Sink() {
            @Override
            public void mismatch(String path, JsonNode expected, JsonNode actual) {
                VerificationReport.this.mismatch(new Difference(kind, object, path, shown(expected), shown(actual)));
            }

            @Override
            public void allowed(String path, String reason, JsonNode expected, JsonNode actual) {
                VerificationReport.this.allowed(new Difference(kind, object, path, shown(expected), shown(actual)), reason);
            }
        };
    }

    synchronized void mismatch(Difference difference) {
        String title = difference.kind() + " " + pattern(difference.path());
        record(mismatches, title, title, difference);
    }

    synchronized void allowed(Difference difference, String reason) {
        String title = difference.kind() + " " + pattern(difference.path());
        record(allowed, title + " | " + reason, title + ": " + reason, difference);
    }

    private static void record(Map<String, Group> groups, String key, String title, Difference difference) {
        Group group = groups.computeIfAbsent(key, k -> new Group(title, new ArrayList<>(), new long[1]));
        group.count()[0]++;
        if (group.examples().size() < EXAMPLES) {
            group.examples().add(difference);
        }
    }

    /** The first few mismatches of every group (kind, object, path, expected, actual), as the report shows them. */
    public synchronized List<Difference> mismatchExamples() {
        return mismatches.values().stream().flatMap(group -> group.examples().stream()).toList();
    }

    /** Mismatches per group title ("instance attributes", "tag name"). */
    public synchronized Map<String, Long> mismatchCounts() {
        Map<String, Long> counts = new TreeMap<>();
        mismatches.values().forEach(group -> counts.put(group.title(), group.count()[0]));
        return counts;
    }

    /** Allowed differences per "kind field: reason". */
    public synchronized Map<String, Long> allowedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        allowed.values().forEach(group -> counts.put(group.title(), group.count()[0]));
        return counts;
    }

    public synchronized List<TableCount> tables() {
        return List.copyOf(tables);
    }

    public synchronized boolean clean() {
        return mismatches.isEmpty() && tables.stream().allMatch(TableCount::ok);
    }

    synchronized String render() {
        StringBuilder out = new StringBuilder("\nverification\n");
        out.append(String.format("%-20s %10s %10s %10s  %s%n", "table", "original", "macula", "skipped", "verdict"));
        for (TableCount t : tables) {
            if (t.notMigrated() != null) {
                out.append(String.format("%-20s %,10d %10s %10s  not migrated: %s%n", t.table(), t.source(), "-", "-",
                        t.notMigrated()));
                continue;
            }
            out.append(String.format("%-20s %,10d %,10d %,10d  %s%n", t.table(), t.source(), t.macula(), t.skippedRows(),
                    t.ok() ? "ok" : "MISMATCH"));
            t.skipped().forEach((reason, rows) -> out.append(String.format("    skipped %,d: %s%n", rows, reason)));
            if (!t.missing().isEmpty()) {
                out.append("    missing in Macula, e.g. ").append(String.join(", ", t.missing())).append('\n');
            }
            if (!t.extra().isEmpty()) {
                out.append("    in Macula, not in the original, e.g. ").append(String.join(", ", t.extra())).append('\n');
            }
        }
        out.append("compared:");
        checked.forEach((what, count) -> out.append(String.format(" %,d %s;", count, what)));
        out.append('\n');
        notes.forEach(note -> out.append(note).append('\n'));
        long total = mismatches.values().stream().mapToLong(group -> group.count()[0]).sum();
        out.append(String.format("mismatches: %,d%n", total));
        mismatches.values().forEach(group -> {
            out.append(String.format("  %s (%,d)%n", group.title(), group.count()[0]));
            group.examples().forEach(d -> out.append(String.format("    %s %s %s: expected %s, Macula %s%n", d.kind(),
                    d.object(), d.path(), d.expected(), d.actual())));
        });
        out.append("allowed differences (documented; listed, not mismatches):\n");
        allowed.values().forEach(group -> {
            Difference d = group.examples().getFirst();
            out.append(String.format("  %s (%,d), e.g. %s %s: %s -> %s%n", group.title(), group.count()[0], d.kind(),
                    d.object(), d.expected(), d.actual()));
        });
        out.append(clean() ? "verified: no mismatch\n" : "NOT verified: see the mismatches above\n");
        return out.toString();
    }

    /** A field path with the list ids taken out, so one kind of difference is one group. */
    static String pattern(String path) {
        String general = path.replaceAll("\\[id=[^]]*]", "[]").replaceAll("\\[\\d+]", "[]");
        return general.isEmpty() ? "(whole answer)" : general;
    }

    private static String shown(JsonNode node) {
        String text = node == null || node.isMissingNode() ? "(absent)" : node.toString();
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }
}
