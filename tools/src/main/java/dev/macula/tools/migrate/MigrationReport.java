package dev.macula.tools.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per step: rows read, migrated, found migrated by an earlier run, skipped — the skips grouped by
 * reason with one example row each, so nothing is lost silently.
 */
public final class MigrationReport {

    private final Map<String, Counts> steps = new LinkedHashMap<>();
    private final Map<String, String> notMigrated = new LinkedHashMap<>();

    static final class Counts {
        long read;
        long migrated;
        long already;
        long skipped;
        double seconds;
        final Map<String, Reason> reasons = new TreeMap<>();

        double rowsPerSecond() {
            return seconds > 0 ? read / seconds : 0;
        }
    }

    record Reason(long count, String example) {
    }

    synchronized Counts step(String name) {
        return steps.computeIfAbsent(name, n -> new Counts());
    }

    synchronized void took(String step, double seconds) {
        step(step).seconds += seconds;
    }

    /** Rows of {@code step} read per second of the step (0 when it did not run): the benchmark's figure. */
    public synchronized double rowsPerSecond(String step) {
        Counts counts = steps.get(step);
        return counts == null ? 0 : counts.rowsPerSecond();
    }

    public synchronized long migrated(String step) {
        Counts counts = steps.get(step);
        return counts == null ? 0 : counts.migrated;
    }

    synchronized void record(String step, String row, MigrationWriter.Outcome outcome) {
        Counts counts = step(step);
        counts.read++;
        switch (outcome) {
            case MigrationWriter.Migrated m -> counts.migrated++;
            case MigrationWriter.Already a -> counts.already++;
            case MigrationWriter.Skipped s -> {
                counts.skipped++;
                counts.reasons.merge(s.reason(), new Reason(1, row),
                        (was, one) -> new Reason(was.count() + 1, was.example()));
            }
        }
    }

    /** A table of the original this version does not migrate (yet), with why. */
    synchronized void notMigrated(String table, String why) {
        notMigrated.put(table, why);
    }

    synchronized boolean clean() {
        return steps.values().stream().allMatch(c -> c.skipped == 0);
    }

    synchronized String render() {
        StringBuilder out = new StringBuilder(String.format("%-22s %10s %10s %10s %10s %10s%n", "step", "read", "migrated",
                "earlier", "skipped", "rows/s"));
        steps.forEach((name, c) -> {
            out.append(String.format("%-22s %,10d %,10d %,10d %,10d %,10.0f%n", name, c.read, c.migrated, c.already,
                    c.skipped, c.rowsPerSecond()));
            c.reasons.forEach((reason, r) -> out.append(String.format("    skipped %,d: %s (e.g. %s)%n", r.count(),
                    reason, r.example())));
        });
        notMigrated.forEach((table, why) -> out.append(String.format("not migrated: %s — %s%n", table, why)));
        return out.toString();
    }
}
