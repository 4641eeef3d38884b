package dev.macula.tools.migrate;

import dev.macula.api.common.MessageMetadata;
import dev.macula.tools.migrate.MigrationWriter.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Moves an Eyened database into an empty platform, step by step ({@link EyenedSteps}), page by page in
 * key order, remembering per step the last key whose rows are all done (table
 * {@code eyened_migration_progress}, this run's counts beside it): a rerun continues there, and rows sent
 * again after a crash are recognised as made by the earlier run. A page goes in batches of
 * {@link #BATCH} rows, each one database transaction ({@link MigrationWriter#together}); independent
 * rows' batches go {@link #CONCURRENCY} at a time while the next page is read. Afterwards the platform's
 * id sequences continue after the largest migrated id.
 */
final class EyenedMigration {

    /**
     * Batches sent at the same time, for steps whose rows are independent: one per core, since the
     * senders are busy with CPU (the platform and PostgreSQL share the machine). At 100,000 images on
     * 2 cores: 2 senders 2,082 images/s, 3 senders 2,031–2,049, 4 senders 1,984, 6 senders 1,924.
     * {@code -Dmacula.migration.senders=N} overrides.
     */
    private static final int CONCURRENCY = Integer.getInteger("macula.migration.senders",
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Rows per database transaction ({@link MigrationWriter#together}). Large enough that the commit is a
     * small part of a batch; small enough that a batch holds its event positions only briefly (a platform
     * following the event store meanwhile sees them as gaps until the batch commits) and that a rolled-back
     * batch costs little to send again row by row.
     */
    static final int BATCH = 100;

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
    private final MigrationWriter writer;
    private final EyenedSteps steps;
    private final MigrationReport report = new MigrationReport();
    private final PrintStream progress;

    EyenedMigration(EyenedSource source, JdbcTemplate target, MigrationWriter writer, String lockedHash,
                    VoxelSource voxels, ThumbnailCopies thumbnails, PrintStream progress) {
        this.source = source;
        this.target = target;
        this.writer = writer;
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
        Deque<SentPage> inFlight = new ArrayDeque<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            while (true) {
                List<SourceRow> page = source.page(step.select(), step.key(), step.order(), after);
                if (page.isEmpty()) {
                    break;
                }
                if (step.grouped() && page.size() == EyenedSource.PAGE) {
                    page = withoutLastKey(page, step.keyColumn());
                }
                after = page.getLast().id(step.keyColumn());
                inFlight.add(new SentPage(after, page.size(), send(step, page, pool)));
                // the next page is read while this one is sent (its batches queue behind this one's, so the
                // senders never wait for the reader); progress moves once every row up to its key is done
                while (inFlight.size() > 1 || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                    done += finish(step, inFlight.poll());
                    showProgress(step, done, total, started);
                }
            }
            while (!inFlight.isEmpty()) {
                done += finish(step, inFlight.poll());
                showProgress(step, done, total, started);
            }
        } catch (Exception | Error e) {
            pool.shutdownNow(); // batches still queued are not started: a rerun resumes after the saved key
            throw e;
        } finally {
            pool.close();
        }
        report.took(step.name(), (System.nanoTime() - started) / 1e9);
        progress.printf("\r%-18s done%40s%n", step.name(), "");
    }

    private void showProgress(Step step, long done, long total, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.printf("\r%-18s %,9d of ~%,d rows  %,7.0f rows/s", step.name(), done, total, done / seconds);
    }

    /** A page whose batches are being sent: done when every batch is. */
    private record SentPage(long lastKey, int rows, List<Future<?>> batches) {
        boolean isDone() {
            return batches.stream().allMatch(Future::isDone);
        }
    }

    /** Waits for the page's batches, then saves the page's last key as done; its row count. */
    private int finish(Step step, SentPage page) throws Exception {
        for (Future<?> batch : page.batches()) {
            try {
                batch.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        saveProgress(step, page.lastKey());
        return page.rows();
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

    /**
     * The page's batches: sent here one after the other when the step's rows depend on each other,
     * otherwise handed to the pool's senders ({@link #CONCURRENCY}, the platform's connection pool has
     * room for them), whose queue orders them.
     */
    private List<Future<?>> send(Step step, List<SourceRow> page, ExecutorService pool) {
        List<Future<?>> sent = new ArrayList<>();
        for (List<SourceRow> batch : batches(page, step)) {
            if (step.parallel()) {
                sent.add(pool.submit(() -> migrateBatch(step, batch)));
            } else {
                migrateBatch(step, batch);
            }
        }
        return sent;
    }

    /**
     * The page in runs of about {@link #BATCH} rows, never splitting a key: the rows of one key (the links
     * of one object) change one aggregate, and two batches in flight must not both append to it.
     */
    static List<List<SourceRow>> batches(List<SourceRow> page, Step step) {
        List<List<SourceRow>> batches = new ArrayList<>();
        int start = 0;
        while (start < page.size()) {
            int end = Math.min(start + BATCH, page.size());
            while (end < page.size() && page.get(end).id(step.keyColumn()) == page.get(end - 1).id(step.keyColumn())) {
                end++;
            }
            batches.add(page.subList(start, end));
            start = end;
        }
        return batches;
    }

    /** One transaction for the batch; when that fails, one per row, so each row reports its own outcome. */
    private void migrateBatch(Step step, List<SourceRow> rows) {
        List<String> created = step.creates() == null ? List.of()
                : rows.stream().map(row -> String.valueOf(step.creates().apply(row.id(step.keyColumn())))).toList();
        List<Outcome> outcomes = writer.together(rows, created, row -> migrateRow(step, row));
        if (outcomes == null) {
            outcomes = rows.stream().map(row -> migrateRow(step, row)).toList();
        }
        for (int i = 0; i < rows.size(); i++) {
            report.record(step.name(), describe(step, rows.get(i)), outcomes.get(i));
        }
    }

    /** A row the step cannot read (a NULL where a value must be, an unknown enum value) is skipped with why. */
    private static Outcome migrateRow(Step step, SourceRow row) {
        try {
            return step.migrator().migrate(row);
        } catch (MigrationStopped | MigrationWriter.BatchFailed e) {
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
