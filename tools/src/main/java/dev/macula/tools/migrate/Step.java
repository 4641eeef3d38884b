package dev.macula.tools.migrate;

import java.util.function.LongFunction;

/**
 * One table of the original (or a join whose rows carry one key column), migrated row by row in key
 * order. {@code parallel}: its rows are independent of each other and may be sent concurrently;
 * {@code grouped}: several rows share a key (a link table keyed by its object), and a page never
 * splits a key; {@code creates}: the aggregate a row's first command makes, from the row's key (null:
 * the step makes none of its own), so that whether earlier runs made them is asked once per batch.
 */
record Step(String name, String table, String select, String key, boolean parallel, boolean grouped,
            LongFunction<?> creates, RowMigrator migrator) {

    @FunctionalInterface
    interface RowMigrator {
        MigrationWriter.Outcome migrate(SourceRow row) throws Exception;
    }

    /** The key as a column of the rows ({@code i.ImageInstanceID} → {@code ImageInstanceID}). */
    String keyColumn() {
        return key.substring(key.indexOf('.') + 1);
    }

    static Step of(String table, String select, String key, RowMigrator migrator) {
        return new Step(table, table, select, key, false, false, null, migrator);
    }

    Step inParallel() {
        return new Step(name, table, select, key, true, grouped, creates, migrator);
    }

    Step groupedByKey() {
        return new Step(name, table, select, key, parallel, true, creates, migrator);
    }

    Step named(String other) {
        return new Step(other, table, select, key, parallel, grouped, creates, migrator);
    }

    /** Each row makes the aggregate {@code aggregate(key)} ({@code InstanceId::of}: {@code instance:<key>}). */
    Step creating(LongFunction<?> aggregate) {
        return new Step(name, table, select, key, parallel, grouped, aggregate, migrator);
    }
}
