package dev.macula.tools.migrate;

import java.util.function.LongFunction;

/**
 * One table of the original (or a join whose rows carry one key column), migrated row by row in key
 * order. {@code parallel}: its rows are independent of each other and may be sent concurrently;
 * {@code grouped}: several rows share a key (a link table keyed by its object), and a page never
 * splits a key; {@code thenBy}: the column that orders the rows of one key (null: the key is unique),
 * so that a key's rows, sent in turn to one aggregate, make the same events in every migration; {@code creates}: the aggregate a row's first command makes, from the row's key (null:
 * the step makes none of its own), so that whether earlier runs made them is asked once per batch.
 */
record Step(String name, String table, String select, String key, boolean parallel, boolean grouped,
            String thenBy, LongFunction<?> creates, RowMigrator migrator) {

    @FunctionalInterface
    interface RowMigrator {
        MigrationWriter.Outcome migrate(SourceRow row) throws Exception;
    }

    /** The ORDER BY of a page: the key, then the order within a key. */
    String order() {
        return thenBy == null ? key : key + ", " + thenBy;
    }

    /** The key as a column of the rows ({@code i.ImageInstanceID} → {@code ImageInstanceID}). */
    String keyColumn() {
        return key.substring(key.indexOf('.') + 1);
    }

    static Step of(String table, String select, String key, RowMigrator migrator) {
        return new Step(table, table, select, key, false, false, null, null, migrator);
    }

    Step inParallel() {
        return new Step(name, table, select, key, true, grouped, thenBy, creates, migrator);
    }

    /** Several rows per key, in the order of {@code thenBy} within a key. */
    Step groupedByKey(String thenBy) {
        return new Step(name, table, select, key, parallel, true, thenBy, creates, migrator);
    }

    Step named(String other) {
        return new Step(other, table, select, key, parallel, grouped, thenBy, creates, migrator);
    }

    /** Each row makes the aggregate {@code aggregate(key)} ({@code InstanceId::of}: {@code instance:<key>}). */
    Step creating(LongFunction<?> aggregate) {
        return new Step(name, table, select, key, parallel, grouped, thenBy, aggregate, migrator);
    }
}
