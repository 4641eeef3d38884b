package dev.macula.tools.bench;

import dev.macula.infra.config.DatabaseBootstrap;
import dev.macula.tools.migrate.MigrateCli;
import dev.macula.tools.migrate.MigrationReport;
import dev.macula.tools.migrate.fixture.EyenedFixture;
import dev.macula.tools.migrate.fixture.Seeded;
import dev.macula.tools.migrate.fixture.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * {@code ./macula bench migrate [N]}: a generated Eyened database of N images (default 100,000, with
 * tags, forms, sub-tasks; {@link EyenedFixture}) in the local MariaDB, migrated into the fresh platform
 * database the launcher made ({@code MACULA_DB_URL}). Figure: images/s of the image step against a raw
 * {@code SELECT} of the same rows (the step's own join, read to the end over JDBC) in the same run.
 * Summary: {@code migrate_images}, goal ≥ 2,000 images/s. With {@code --verify} the world has masks
 * and the run goes on with {@link MigrationAcceptance} (rerun, verification, logins, attributes).
 */
public final class MigrateBench {

    private static final String MARIADB = System.getenv().getOrDefault("MACULA_BENCH_MARIADB", "jdbc:mariadb://127.0.0.1:3306/");

    private MigrateBench() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean accept = java.util.Arrays.asList(args).contains("--verify");
        DatabaseBootstrap.ensureDatabase(System.getenv());
        int status = 0;
        EyenedFixture source = EyenedFixture.create(MARIADB, "root", "", "eyened_bench_" + System.currentTimeMillis());
        try {
            long seeding = System.nanoTime();
            // with --verify the world has masks too (a zarr store in the original layout), as a real one does
            Path zarr = accept ? Files.createTempDirectory("macula-bench-original").resolve("original.zarr") : null;
            Seeded seeded = source.seed(new Spec(images, 20261206L, zarr));
            String[] platform = zarr == null ? new String[0]
                    : new String[]{"macula.migration.original-zarr=" + zarr};
            System.err.printf("seeded %,d images in %.0f s%n", images, (System.nanoTime() - seeding) / 1e9);
            double raw = rawSelect(source);
            MigrateCli.Result result = MigrateCli.run(source.jdbcUrl(), "root", "", System.out, platform);
            MigrationReport report = result.report();
            if (report == null) {
                throw new IllegalStateException("the target was refused");
            }
            double macula = report.rowsPerSecond("ImageInstance");
            System.out.printf("""
                    migration benchmark: %,d images (%,d migrated)
                      ./macula migrate, image step              %,10.0f images/s   (goal ≥ 2,000)
                      raw SELECT of the same rows over JDBC     %,10.0f rows/s     (ratio %.4f)
                    """, images, report.migrated("ImageInstance"), macula, raw, macula / raw);
            BenchSummary.record("migrate_images", macula, raw, "images/s (migration vs raw SELECT)", false);
            if (accept && !new MigrationAcceptance(source, seeded, platform, System.out).run()) {
                status = 1;
            }
        } finally {
            source.drop();
        }
        System.exit(status); // Axon's janitor thread is not a daemon: the JVM would outlive the closed platform
    }

    /** The image step's query, every row read, rows/s. */
    private static double rawSelect(EyenedFixture source) throws Exception {
        try (Connection db = source.connect(); Statement statement = db.createStatement()) {
            long start = System.nanoTime();
            long rows = 0;
            try (ResultSet rs = statement.executeQuery("""
                    select i.*, p.ProjectID as ProjectOfImage from `ImageInstance` i
                    join `Series` s on s.SeriesID = i.SeriesID join `Study` st on st.StudyID = s.StudyID
                    join `Patient` p on p.PatientID = st.PatientID order by i.ImageInstanceID""")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    rows++;
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }
}
