package dev.macula.tools.migrate;

import dev.macula.api.common.MessageMetadata;
import dev.macula.tools.migrate.MigrationWriter.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Moves an Eyened database into an empty platform, step by step ({@link EyenedSteps}), page by page in
 * key order, remembering per step the last key whose rows are all done (table
 * {@code eyened_migration_progress}, this run's counts beside it): a rerun continues there, and rows sent again after a crash are
 * recognised as made by the earlier run. Afterwards the platform's id sequences continue after the
 * largest migrated id.
 */
final class EyenedMigration {

    /** Rows of one page sent at the same time, for steps whose rows are independent. */
    private static final int CONCURRENCY = 8;

    /** Source table → the platform's id sequence its ids come from. */
    private static final Map<String, String> SEQUENCES = Map.ofEntries(
            Map.entry("Creator", "user_id_seq"), Map.entry("Project", "project_id_seq"),
            Map.entry("Patient", "patient_id_seq"), Map.entry("Study", "study_id_seq"),
            Map.entry("Series", "series_id_seq"), Map.entry("ImageInstance", "instance_id_seq"),
            Map.entry("DeviceModel", "device_id_seq"), Map.entry("DeviceInstance", "device_instance_id_seq"),
            Map.entry("Feature", "feature_id_seq"), Map.entry("Tag", "tag_id_seq"),
            Map.entry("TaskDefinition", "task_definition_id_seq"), Map.entry("Task", "task_id_seq"),
            Map.entry("SubTask", "subtask_id_seq"), Map.entry("FormSchema", "form_schema_id_seq"),
            Map.entry("FormAnnotation", "form_annotation_id_seq"), Map.entry("Segmentation", "segmentation_id_seq"),
            Map.entry("Model", "model_id_seq"), Map.entry("ModelSegmentation", "model_segmentation_id_seq"),
            Map.entry("AttributeDefinition", "attribute_id_seq"), Map.entry("AttributeValue", "attribute_value_id_seq"));

    private final EyenedSource source;
    private final JdbcTemplate target;
    private final EyenedSteps steps;
    private final MigrationReport report = new MigrationReport();
    private final PrintStream progress;

    EyenedMigration(EyenedSource source, JdbcTemplate target, MigrationWriter writer, String lockedHash,
                    VoxelSource voxels, ThumbnailCopies thumbnails, PrintStream progress) {
        this.source = source;
        this.target = target;
        this.steps = new EyenedSteps(source, writer, lockedHash, voxels, thumbnails);
        this.progress = progress;
    }

    /**
     * Refuses a target that holds anything but an earlier run of this migration: the platform's ids
     * would collide with the original's. Null when the target may be migrated into.
     */
    String refusal() {
        Boolean foreign = target.queryForObject("""
                select exists (select 1 from domainevententry
                               where (convert_from(metadata, 'UTF8')::jsonb ->> ?) is null)""", Boolean.class,
                MessageMetadata.MIGRATED_FROM);
        return Boolean.TRUE.equals(foreign)
                ? "the target platform already holds data that did not come from a migration (for example the admin"
                + " that ADMIN_USERNAME creates at start-up): migrate into a new database, started without"
                + " ADMIN_USERNAME, or not started at all" : null;
    }

    MigrationReport run() throws Exception {
        steps.rememberUsers();
        for (Map.Entry<String, String> table : EyenedSteps.NOT_MIGRATED.entrySet()) {
            long rows = source.hasTable(table.getKey()) ? source.count(table.getKey()) : 0;
            if (rows > 0) {
                report.notMigrated(table.getKey() + " (" + rows + " rows)", table.getValue());
            }
        }
        for (Step step : steps.steps()) {
            if (!source.hasTable(step.table())) {
                report.notMigrated(step.table(), "the source has no such table");
                continue;
            }
            migrate(step);
        }
        continueSequences();
        return report;
    }

    private void migrate(Step step) throws Exception {
        long total = source.count(step.table());
        long after = lastKey(step);
        long started = System.nanoTime();
        long done = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                List<SourceRow> page = source.page(step.select(), step.key(), after);
                if (page.isEmpty()) {
                    break;
                }
                if (step.grouped() && page.size() == EyenedSource.PAGE) {
                    page = withoutLastKey(page, step.keyColumn());
                }
                migratePage(step, page, pool);
                after = page.getLast().id(step.keyColumn());
                done += page.size();
                saveProgress(step, after);
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.printf("\r%-18s %,9d of ~%,d rows  %,7.0f rows/s", step.name(), done, total, done / seconds);
            }
        }
        report.took(step.name(), (System.nanoTime() - started) / 1e9);
        progress.printf("\r%-18s done%40s%n", step.name(), "");
    }

    /** A full page of a link table may end in the middle of an object's links: those come with the next page. */
    private static List<SourceRow> withoutLastKey(List<SourceRow> page, String keyColumn) {
        long last = page.getLast().id(keyColumn);
        List<SourceRow> whole = page.stream().filter(row -> row.id(keyColumn) != last).toList();
        if (whole.isEmpty()) {
            throw new IllegalStateException("more than " + EyenedSource.PAGE + " rows share " + keyColumn + " " + last);
        }
        return whole;
    }

    private void migratePage(Step step, List<SourceRow> page, ExecutorService pool) throws Exception {
        if (!step.parallel()) {
            for (SourceRow row : page) {
                report.record(step.name(), describe(step, row), migrateRow(step, row));
            }
            return;
        }
        // a bounded number in flight: the platform's connection pool, not this loop, sets the pace
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<Future<?>> sent = new ArrayList<>(page.size());
        for (SourceRow row : page) {
            slots.acquire();
            sent.add(pool.submit(() -> {
                try {
                    report.record(step.name(), describe(step, row), migrateRow(step, row));
                } finally {
                    slots.release();
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
    }

    /** A row the step cannot read (a NULL where a value must be, an unknown enum value) is skipped with why. */
    private static Outcome migrateRow(Step step, SourceRow row) {
        try {
            return step.migrator().migrate(row);
        } catch (MigrationStopped e) {
            throw e;
        } catch (java.sql.SQLException e) {
            throw new MigrationStopped("reading the source failed: " + e.getMessage(), e);
        } catch (Exception e) {
            return new MigrationWriter.Skipped(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String describe(Step step, SourceRow row) {
        return step.table() + "/" + row.text(step.keyColumn());
    }

    private long lastKey(Step step) {
        List<Long> keys = target.queryForList("select last_key from eyened_migration_progress where source = ? and step = ?",
                Long.class, source.name(), step.name());
        return keys.isEmpty() ? Long.MIN_VALUE : keys.getFirst();
    }

    private void saveProgress(Step step, long lastKey) {
        MigrationReport.Counts counts = report.step(step.name());
        target.update("""
                insert into eyened_migration_progress (source, step, last_key, read_rows, migrated, skipped)
                values (?, ?, ?, ?, ?, ?)
                on conflict (source, step) do update set last_key = excluded.last_key,
                    read_rows = excluded.read_rows, migrated = excluded.migrated, skipped = excluded.skipped,
                    updated_at = now()""",
                source.name(), step.name(), lastKey, counts.read, counts.migrated, counts.skipped);
    }

    /** New objects made in the platform after the migration get ids after the largest migrated one. */
    private void continueSequences() throws Exception {
        for (Map.Entry<String, String> table : SEQUENCES.entrySet()) {
            if (!source.hasTable(table.getKey())) {
                continue;
            }
            String key = table.getKey().equals("AttributeDefinition") ? "AttributeID" : table.getKey() + "ID";
            Long largest = source.all("select max(`" + key + "`) as largest from `" + table.getKey() + "`").getFirst()
                    .longOrNull("largest");
            if (largest != null) {
                target.queryForObject("select setval(?::regclass, greatest((select last_value from " + table.getValue()
                        + "), ?))", Long.class, table.getValue(), largest);
            }
        }
    }
}
