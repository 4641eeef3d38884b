package dev.macula.tools.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per step: rows read, migrated, found migrated by an earlier run, skipped — the skips grouped by
 * reason with one example row each, so nothing is lost silently.
 */
final class MigrationReport {

    private final Map<String, Counts> steps = new LinkedHashMap<>();
    private final Map<String, String> notMigrated = new LinkedHashMap<>();

    static final class Counts {
        long read;
        long migrated;
        long already;
        long skipped;
        final Map<String, Reason> reasons = new TreeMap<>();
    }

    record Reason(long count, String example) {
    }

    synchronized Counts step(String name) {
        return steps.computeIfAbsent(name, n -> new Counts());
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
        StringBuilder out = new StringBuilder(String.format("%-26s %10s %10s %10s %10s%n", "step", "read", "migrated",
                "earlier", "skipped"));
        steps.forEach((name, c) -> {
            out.append(String.format("%-26s %,10d %,10d %,10d %,10d%n", name, c.read, c.migrated, c.already, c.skipped));
            c.reasons.forEach((reason, r) -> out.append(String.format("    skipped %,d: %s (e.g. %s)%n", r.count(),
                    reason, r.example())));
        });
        notMigrated.forEach((table, why) -> out.append(String.format("not migrated: %s — %s%n", table, why)));
        return out.toString();
    }
}
