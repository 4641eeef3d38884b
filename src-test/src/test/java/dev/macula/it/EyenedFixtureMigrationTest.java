package dev.macula.it;

import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.tools.migrate.MigrateCli;
import dev.macula.tools.migrate.MigrationReport;
import dev.macula.tools.migrate.fixture.EyenedFixture;
import dev.macula.tools.migrate.fixture.Seeded;
import dev.macula.tools.migrate.fixture.Spec;
import dev.macula.tools.migrate.fixture.VoxelPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated Eyened world ({@link EyenedFixture}: every table, the edge cases real deployments hold,
 * voxel data in the original zarr layout) through {@code ./macula migrate}: every row of the migrated
 * tables arrives or is skipped with a stated reason, and each segmentation's voxels arrive unchanged
 * (uint8 to float32, sparse and dense) under its original zarr index.
 */
class EyenedFixtureMigrationTest {

    private static final String MARIADB = System.getenv().getOrDefault("MACULA_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String TARGET_DB = "macula_it_fixture_migration_" + RUN;

    private static EyenedFixture source;
    private static MigrationTarget target;
    private static Seeded seeded;
    private static MigrateCli.Result result;
    private static String output;

    @BeforeAll
    static void migrateAGeneratedWorld() throws Exception {
        Path files = Files.createTempDirectory("macula-fixture-migration");
        source = EyenedFixture.create(MARIADB, "root", "", "eyened_fixture_it_" + RUN);
        seeded = source.seed(new Spec(40, 61206L, files.resolve("original.zarr")));
        target = MigrationTarget.create(TARGET_DB, "macula.migration.original-zarr=" + files.resolve("original.zarr"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            result = MigrateCli.run(source.jdbcUrl(), "root", "", out, target.asProperties());
        }
        output = text.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.drop();
        }
    }

    @Test
    void everyRowOfTheMigratedTablesArrivesOrIsSkippedWithAReason() throws Exception {
        MigrationReport report = result.report();
        assertThat(report).as(output).isNotNull();
        long noData = sourceNumber("select count(*) from Segmentation where ZarrArrayIndex is null");
        assertThat(noData).isPositive();
        for (String table : List.of("Creator", "Project", "Patient", "Study", "Series", "DeviceModel", "DeviceInstance",
                "ImageInstance", "Feature", "Tag", "CreatorTag", "StudyTag", "ImageInstanceTag", "TaskDefinition", "Task",
                "SubTask", "FormSchema", "FormAnnotation", "FormAnnotationTag", "SegmentationTag")) {
            assertThat(report.migrated(table)).as("%s in\n%s", table, output).isEqualTo(seeded.count(table));
        }
        assertThat(report.migrated("Segmentation")).as(output).isEqualTo(seeded.count("Segmentation"));
        assertThat(targetNumber("select count(*) from segmentation where data_checksum is null and zarr_array_index"
                + " is null and data_version = 0")).as("rows without data arrive without data (GET …/data: 204)")
                .isEqualTo(noData);
        assertThat(report.migrated("Model")).as("segmentation models").isEqualTo(seeded.count("SegmentationModel"));
        assertThat(report.migrated("AttributesModel")).isEqualTo(seeded.count("AttributesModel"));
        assertThat(report.migrated("AttributeDefinition")).isEqualTo(seeded.count("AttributeDefinition"));
        assertThat(report.migrated("AttributeValue")).as(output).isEqualTo(seeded.count("AttributeValue"));
        assertThat(report.migrated("ModelSegmentation")).as(output).isEqualTo(seeded.count("ModelSegmentation"));
        assertThat(output.lines().filter(line -> line.strip().startsWith("skipped"))).as("nothing is skipped")
                .isEmpty();
        assertThat(result.status()).as(output).isZero();
        assertThat(targetNumber("select count(*) from image_instance where id = " + seeded.edgeCases().inactiveImageId()
                + " and inactive")).as("an inactive image arrives inactive").isOne();
        assertThat(targetNumber("select count(*) from image_instance where cf_quality is not null"))
                .as("preprocessing results arrive").isEqualTo(sourceNumber(
                        "select count(*) from ImageInstance where CFQuality is not null"));
    }

    @Test
    void voxelsArriveUnchangedUnderTheirOriginalZarrIndex() throws Exception {
        var edges = seeded.edgeCases();
        for (int id : List.of(edges.uint16SegmentationId(), edges.uint32SegmentationId(), edges.float32SegmentationId(),
                edges.emptyScanIndicesSegmentationId(), edges.unsortedScanIndicesSegmentationId(),
                edges.inactiveSegmentationId())) {
            Map<String, Object> row = sourceRow("select ZarrArrayIndex, DataRepresentation, DataType, Depth, Height, Width"
                    + " from Segmentation where SegmentationID = " + id);
            NdArray expected = VoxelPattern.of(id, (String) row.get("DataRepresentation"), dtype((String) row.get("DataType")),
                    ((Number) row.get("Depth")).intValue(), ((Number) row.get("Height")).intValue(),
                    ((Number) row.get("Width")).intValue());
            Map<String, Object> migrated = targetRow("select data_checksum, zarr_array_index, data_type, inactive,"
                    + " scan_indices::text as scan_indices from segmentation where id = " + id);
            assertThat(migrated.get("data_checksum")).as("segmentation %d's voxels", id).isEqualTo(sha256(expected));
            assertThat(((Number) migrated.get("zarr_array_index")).longValue())
                    .isEqualTo(((Number) row.get("ZarrArrayIndex")).longValue());
            assertThat(migrated.get("data_type")).isEqualTo(row.get("DataType"));
        }
        assertThat(targetRow("select scan_indices::text as s from segmentation where id = "
                + edges.emptyScanIndicesSegmentationId()).get("s")).as("[] stays [], not NULL").isEqualTo("[]");
        assertThat(targetRow("select scan_indices::text as s from segmentation where id = "
                + edges.unsortedScanIndicesSegmentationId()).get("s")).as("in the original's order")
                .isEqualTo(sourceRow("select ScanIndices as s from Segmentation where SegmentationID = "
                        + edges.unsortedScanIndicesSegmentationId()).get("s").toString().replace(" ", "")
                        .replace(",", ", "));
        assertThat(targetRow("select inactive from segmentation where id = " + edges.inactiveSegmentationId())
                .get("inactive")).isEqualTo(true);
        int modelOutput = edges.modelSegmentationWithDataId();
        Map<String, Object> row = sourceRow("select DataRepresentation, DataType, Depth, Height, Width"
                + " from ModelSegmentation where ModelSegmentationID = " + modelOutput);
        NdArray expected = VoxelPattern.of(-modelOutput, (String) row.get("DataRepresentation"),
                dtype((String) row.get("DataType")), ((Number) row.get("Depth")).intValue(),
                ((Number) row.get("Height")).intValue(), ((Number) row.get("Width")).intValue());
        assertThat(targetRow("select data_checksum from model_segmentation where id = " + modelOutput).get("data_checksum"))
                .as("a model's output, read from its model_<name>_<version> group").isEqualTo(sha256(expected));
    }

    private static String sha256(NdArray array) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(array.data()));
    }

    private static DType dtype(String dataType) {
        return dev.macula.api.segmentation.SegmentationEnums.Datatype.valueOf(dataType).element();
    }

    private static long sourceNumber(String sql) throws Exception {
        return ((Number) sourceRow(sql).values().iterator().next()).longValue();
    }

    private static Map<String, Object> sourceRow(String sql) throws Exception {
        try (Connection db = source.connect()) {
            return single(db, sql);
        }
    }

    private static long targetNumber(String sql) throws Exception {
        return ((Number) targetRow(sql).values().iterator().next()).longValue();
    }

    private static Map<String, Object> targetRow(String sql) throws Exception {
        try (Connection db = target.connect()) {
            return single(db, sql);
        }
    }

    private static Map<String, Object> single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return row;
        }
    }
}
