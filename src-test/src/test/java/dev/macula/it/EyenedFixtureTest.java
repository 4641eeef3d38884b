package dev.macula.it;

import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.infra.security.PasswordHasher;
import dev.macula.tools.migrate.fixture.EdgeCases;
import dev.macula.tools.migrate.fixture.EyenedFixture;
import dev.macula.tools.migrate.fixture.PasswordKind;
import dev.macula.tools.migrate.fixture.Seeded;
import dev.macula.tools.migrate.fixture.Spec;
import dev.macula.tools.migrate.fixture.VoxelPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The source-side fixture of ./macula migrate against the real MariaDB: a seeded Eyened database whose
 * rows, keys, edge cases, passwords and zarr voxel data are what the fixture reports. Needs no platform.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EyenedFixtureTest {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final int IMAGES = 300;

    /** Static: an instance field would get a new directory per test, not the one seeded in @BeforeAll. */
    @TempDir
    static Path zarr;

    private EyenedFixture fixture;
    private Seeded seeded;
    private Connection db;

    @BeforeAll
    void seed() throws SQLException {
        try (Connection ignored = DriverManager.getConnection(SERVER + "?connectTimeout=5000", "root", "")) {
            // reachable
        } catch (SQLException e) {
            fail("MariaDB is not reachable at " + SERVER + " as root with an empty password (CI's .ci/run starts it): "
                    + e.getMessage());
        }
        String name = "eyened_fixture_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        fixture = EyenedFixture.create(SERVER, "root", "", name);
        seeded = fixture.seed(new Spec(IMAGES, 20_261_206L, zarr));
        db = fixture.connect();
    }

    @AfterAll
    void drop() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (fixture != null) {
            fixture.drop();
        }
    }

    @Test
    void everyTableOfTheSchemaHasRowsAndTheCountsTheFixtureReports() throws SQLException {
        List<String> tables = strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
                fixture.databaseName());

        assertThat(tables).hasSize(40);
        assertThat(seeded.rowCounts().keySet()).containsExactlyInAnyOrderElementsOf(tables);
        for (String table : tables) {
            long actual = number("SELECT COUNT(*) FROM `" + table + "`");
            assertThat(actual).as(table).isEqualTo(seeded.count(table)).isPositive();
        }
        assertThat(seeded.count("ImageInstance")).isEqualTo(IMAGES);
        assertThat(number("SELECT MAX(ImageInstanceID) FROM ImageInstance")).as("id gaps").isGreaterThan(IMAGES);
    }

    @Test
    void everyForeignKeyHoldsAndTheCollationIsCaseAndAccentInsensitive() throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, "
                + "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL")) {
            query.setString(1, fixture.databaseName());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
        }
        assertThat(keys).as("foreign keys of schema.sql").hasSize(77);
        for (String[] key : keys) {
            long orphans = number("SELECT COUNT(*) FROM `" + key[0] + "` c WHERE c.`" + key[1] + "` IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM `" + key[2] + "` p WHERE p.`" + key[3] + "` = c.`" + key[1] + "`)");
            assertThat(orphans).as(String.join(" → ", key)).isZero();
        }
        assertThat(strings("SELECT DISTINCT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
                fixture.databaseName())).containsExactly("utf8mb4_unicode_ci");
        assertThat(number("SELECT COUNT(*) FROM Tag WHERE TagName = 'REEVALUER'"))
                .as("'Réévaluer' found case- and accent-insensitively, once per TagType").isEqualTo(5);
        // Within one TagType a name differing only by case collides with the existing one.
        try (Statement statement = db.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO Tag (TagName, TagType, TagDescription, CreatorID) "
                    + "SELECT UPPER(TagName), TagType, 'dup', CreatorID FROM Tag WHERE TagID = "
                    + seeded.edgeCases().caseVariantTagIds().getFirst()))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class);
        }
    }

    @Test
    void theEdgeCasesAreInTheDatabase() throws SQLException {
        EdgeCases edges = seeded.edgeCases();

        assertThat(number("SELECT Inactive FROM ImageInstance WHERE ImageInstanceID = " + edges.inactiveImageId())).isOne();
        assertThat(edges.sharedDatasetImageIds()).hasSize(2);
        String pair = edges.sharedDatasetImageIds().get(0) + ", " + edges.sharedDatasetImageIds().get(1);
        assertThat(number("SELECT COUNT(DISTINCT DatasetIdentifier) FROM ImageInstance WHERE ImageInstanceID IN (" + pair + ")"))
                .isOne();
        assertThat(number("SELECT COUNT(DISTINCT SourceInfoID) FROM ImageInstance WHERE ImageInstanceID IN (" + pair + ")"))
                .isEqualTo(2);
        assertThat(strings("SELECT DatasetIdentifier FROM ImageInstance WHERE ImageInstanceID = ?", edges.pngSeriesImageId()))
                .singleElement().asString().startsWith("[png_series_");
        assertThat(strings("SELECT PatientIdentifier FROM Patient WHERE PatientID = ?", edges.nonAsciiPatientId()))
                .singleElement().matches(id -> id.chars().anyMatch(c -> c > 127), "has a non-ASCII character");

        List<String> variants = strings("SELECT CONCAT(TagName, '|', TagType) FROM Tag WHERE TagID IN (?, ?)",
                edges.caseVariantTagIds().get(0), edges.caseVariantTagIds().get(1));
        assertThat(variants).hasSize(2);
        String[] first = variants.get(0).split("\\|");
        String[] second = variants.get(1).split("\\|");
        assertThat(first[0]).isNotEqualTo(second[0]).isEqualToIgnoringCase(second[0]);
        assertThat(first[1]).isNotEqualTo(second[1]);

        assertThat(strings("SELECT JSON_TYPE(FormData) FROM FormAnnotation WHERE FormAnnotationID = ?", edges.objectFormId()))
                .containsExactly("OBJECT");
        assertThat(strings("SELECT JSON_TYPE(FormData) FROM FormAnnotation WHERE FormAnnotationID = ?", edges.listFormId()))
                .containsExactly("ARRAY");
        assertThat(strings("SELECT JSON_TYPE(FormData) FROM FormAnnotation WHERE FormAnnotationID = ?", edges.stringFormId()))
                .containsExactly("STRING");
        assertThat(number("SELECT COUNT(*) FROM FormAnnotation WHERE FormData IS NULL AND FormAnnotationID = "
                + edges.nullFormId())).isOne();
        assertThat(number("SELECT COUNT(*) FROM FormAnnotation WHERE FormAnnotationReferenceID IS NOT NULL "
                + "AND FormAnnotationID = " + edges.referencingFormId())).isOne();

        assertThat(strings("SELECT DataType FROM Segmentation WHERE SegmentationID IN (?, ?, ?) ORDER BY DataType",
                edges.uint16SegmentationId(), edges.uint32SegmentationId(), edges.float32SegmentationId()))
                .containsExactly("R16UI", "R32UI", "R32F");
        assertThat(number("SELECT COUNT(*) FROM Segmentation WHERE ZarrArrayIndex IS NULL AND SegmentationID = "
                + edges.noDataSegmentationId())).isOne();
        assertThat(strings("SELECT ScanIndices FROM Segmentation WHERE SegmentationID = ?", edges.emptyScanIndicesSegmentationId()))
                .containsExactly("[]");
        List<String> unsorted = strings("SELECT ScanIndices FROM Segmentation WHERE SegmentationID = ?",
                edges.unsortedScanIndicesSegmentationId());
        List<Integer> indices = Arrays.stream(unsorted.getFirst().replaceAll("[\\[\\] ]", "").split(","))
                .map(Integer::valueOf).toList();
        assertThat(indices).isNotEqualTo(indices.stream().sorted().toList());
        assertThat(number("SELECT COUNT(*) FROM Segmentation WHERE ScanIndices IS NULL")).isPositive();
        assertThat(number("SELECT Inactive FROM Segmentation WHERE SegmentationID = " + edges.inactiveSegmentationId())).isOne();
        assertThat(number("SELECT YEAR(MAX(DateInserted)) - YEAR(MIN(DateInserted)) FROM ImageInstance"))
                .as("insertion dates spread over years").isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyPasswordKindIsStoredAsThePlatformsVerifierAcceptsIt() throws SQLException {
        PasswordHasher platform = new PasswordHasher(65_536, 3, 4);
        Set<PasswordKind> seen = new HashSet<>();
        for (Map.Entry<String, String> user : seeded.passwords().entrySet()) {
            PasswordKind kind = seeded.passwordKinds().get(user.getKey());
            seen.add(kind);
            String phc;
            byte[] legacy;
            try (PreparedStatement query = db.prepareStatement("SELECT PasswordHash, Password FROM Creator WHERE CreatorName = ?")) {
                query.setString(1, user.getKey());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).as(user.getKey()).isTrue();
                    phc = row.getString(1);
                    legacy = row.getBytes(2);
                }
            }
            if (kind == PasswordKind.LEGACY_PBKDF2) {
                assertThat(phc).isNull();
                assertThat(legacy).hasSize(32);
                String hex = HexFormat.of().formatHex(legacy);
                assertThat(platform.matchesLegacy(user.getValue(), hex)).as(user.getKey()).isTrue();
                assertThat(platform.matchesLegacy(user.getValue() + "x", hex)).isFalse();
            } else {
                assertThat(legacy).isNull();
                assertThat(phc).startsWith(switch (kind) {
                    case ARGON2ID_CURRENT -> "$argon2id$v=19$m=65536,t=3,p=4$";
                    case ARGON2ID_OLDER -> "$argon2id$v=19$m=102400,t=2,p=8$";
                    default -> "$argon2i$v=19$m=512,t=2,p=2$";
                });
                assertThat(platform.matches(user.getValue(), phc)).as(user.getKey()).isTrue();
                assertThat(platform.matches(user.getValue() + "x", phc)).isFalse();
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(PasswordKind.ARGON2ID_CURRENT, PasswordKind.ARGON2ID_OLDER,
                PasswordKind.ARGON2I_OLD, PasswordKind.LEGACY_PBKDF2);
        assertThat(number("SELECT COUNT(*) FROM Creator WHERE PasswordHash IS NULL AND Password IS NULL")).isPositive();
    }

    @Test
    void voxelDataIsInTheOriginalZarrLayoutAndReadsBackAsGenerated() throws SQLException {
        ZarrStore store = new ZarrStore(zarr);
        EdgeCases edges = seeded.edgeCases();
        Voxels uint16 = voxels("SELECT SegmentationID, ZarrArrayIndex, DataRepresentation, DataType, Depth, Height, Width, "
                + "CONCAT('DataRepresentation.', DataRepresentation) FROM Segmentation WHERE SegmentationID = "
                + edges.uint16SegmentationId()).getFirst();
        assertThat(uint16.key().name()).startsWith("uint16_");
        Path chunk = zarr.resolve(uint16.key().group()).resolve(uint16.key().name())
                .resolve("c").resolve(Long.toString(uint16.index())).resolve("0/0/0");
        assertThat(chunk).exists();
        assertThat(Files.exists(zarr.resolve(uint16.key().group()).resolve(uint16.key().name()).resolve("zarr.json"))).isTrue();
        assertThat(store.read(uint16.key(), uint16.index())).isEqualTo(uint16.expected());

        List<Voxels> all = new ArrayList<>(voxels("SELECT SegmentationID, ZarrArrayIndex, DataRepresentation, DataType, Depth, "
                + "Height, Width, CONCAT('DataRepresentation.', DataRepresentation) FROM Segmentation WHERE ZarrArrayIndex IS NOT NULL"));
        List<Voxels> models = voxels("SELECT -s.ModelSegmentationID, s.ZarrArrayIndex, s.DataRepresentation, s.DataType, s.Depth, "
                + "s.Height, s.Width, CONCAT('model_', m.ModelName, '_', m.Version) FROM ModelSegmentation s "
                + "JOIN Model m ON m.ModelID = s.ModelID WHERE s.ZarrArrayIndex IS NOT NULL");
        assertThat(models).extracting(Voxels::id).contains(-(long) edges.modelSegmentationWithDataId());
        all.addAll(models);
        Set<String> positions = new HashSet<>();
        for (Voxels voxels : all) {
            assertThat(positions.add(voxels.key().group() + "/" + voxels.key().name() + "#" + voxels.index()))
                    .as("one position per row").isTrue();
            assertThat(store.read(voxels.key(), voxels.index())).as("row %d", voxels.id()).isEqualTo(voxels.expected());
        }
        Map<String, ZarrStore.ArrayKey> arrays = new HashMap<>();
        all.forEach(v -> arrays.put(v.key().group() + "/" + v.key().name(), v.key()));
        long stored = arrays.values().stream().mapToLong(store::length).sum();
        assertThat(stored).as("arrays hold exactly the rows' elements").isEqualTo(all.size());
    }

    @Test
    void theSmallestWorldStillHoldsEveryEdgeCaseAndItsIndicesWithoutAStore() throws SQLException {
        EyenedFixture small = EyenedFixture.create(SERVER, "root", "", fixture.databaseName() + "_small");
        try (Connection connection = small.connect(); Statement statement = connection.createStatement()) {
            Seeded world = small.seed(new Spec(20, 7L, null));
            EdgeCases edges = world.edgeCases();
            try (ResultSet row = statement.executeQuery("SELECT JSON_LENGTH(ScanIndices), "
                    + "(SELECT DatasetIdentifier FROM ImageInstance WHERE ImageInstanceID = " + edges.pngSeriesImageId() + "), "
                    + "(SELECT COUNT(*) FROM ImageInstance WHERE Inactive AND ImageInstanceID = " + edges.inactiveImageId() + ") "
                    + "FROM Segmentation WHERE SegmentationID = " + edges.emptyScanIndicesSegmentationId())) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isZero();
                assertThat(row.getString(2)).startsWith("[png_series_");
                assertThat(row.getInt(3)).isOne();
            }
            assertThat(world.count("ImageInstance")).isEqualTo(20);
            // Without a store the indices are still the positions along each array: 0, 1, 2, ... per array.
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(ZarrArrayIndex) + 1 FROM Segmentation "
                    + "WHERE ZarrArrayIndex IS NOT NULL GROUP BY DataRepresentation, DataType, Depth, Height, Width")) {
                while (rows.next()) {
                    assertThat(rows.getInt(2)).isEqualTo(rows.getInt(1));
                }
            }
            assertThat(sameSeedSameRows(statement, small.databaseName())).as("the same seed gives the same rows").isTrue();
        } finally {
            small.drop();
        }
    }

    private static boolean sameSeedSameRows(Statement statement, String database) throws SQLException {
        EyenedFixture twin = EyenedFixture.create(SERVER, "root", "", database + "_twin");
        try {
            twin.seed(new Spec(20, 7L, null));
            for (String table : List.of("ImageInstance", "Segmentation", "FormAnnotation", "CompositeFeature", "AttributeValue")) {
                List<Long> checksums = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE `" + database + "`.`" + table + "`, `"
                        + twin.databaseName() + "`.`" + table + "`")) {
                    while (rows.next()) {
                        checksums.add(rows.getLong(2));
                    }
                }
                if (checksums.size() != 2 || !checksums.get(0).equals(checksums.get(1))) {
                    return false;
                }
            }
            return true;
        } finally {
            twin.drop();
        }
    }

    private record Voxels(long id, long index, ZarrStore.ArrayKey key, NdArray expected) {
    }

    private List<Voxels> voxels(String sql) throws SQLException {
        List<Voxels> result = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                DType dtype = switch (rows.getString(4)) {
                    case "R8", "R8UI" -> DType.UINT8;
                    case "R16UI" -> DType.UINT16;
                    case "R32UI" -> DType.UINT32;
                    default -> DType.FLOAT32;
                };
                int depth = rows.getInt(5);
                int height = rows.getInt(6);
                int width = rows.getInt(7);
                ZarrStore.ArrayKey key = new ZarrStore.ArrayKey(rows.getString(8), dtype, depth, height, width);
                result.add(new Voxels(rows.getLong(1), rows.getLong(2), key,
                        VoxelPattern.of(rows.getLong(1), rows.getString(3), dtype, depth, height, width)));
            }
        }
        return result;
    }

    private long number(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getLong(1);
        }
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
