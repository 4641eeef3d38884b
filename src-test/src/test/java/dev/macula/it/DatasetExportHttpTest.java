package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.tools.export.DatasetExportCli;
import dev.macula.tools.support.PlatformClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Dataset snapshots (issue 15 item 2): {@code POST /api/admin/exports} as a job, its state and its zip.
 * Snapshots are reproducible byte for byte, a snapshot as of T equals the export made live at T even
 * after tags, forms and masks changed, the manifest's hashes verify, and the Parquet files read back
 * with DuckDB have the documented columns.
 */
class DatasetExportHttpTest extends HttpTestBase {

    /** A project with two images, a tag on each, a form on one and a mask on the other. */
    private record Scene(String project, long image, long otherImage, long tag, long form, long schema, long segmentation,
                         long feature) {
    }

    private Scene scene() throws Exception {
        Api admin = admin();
        String project = unique("Export study");
        long image = importImage(admin, project, "P1", "2024-05-05");
        long other = importImage(admin, project, "P2", "2024-06-06");
        long tag = admin.post("/api/tags", Map.of("name", unique("export-tag"), "tag_type", "ImageInstance",
                "description", "export test")).json().get("id").asLong();
        assertThat(admin.post("/api/instances/" + image + "/tags", Map.of("tag_id", tag, "comment", "first look")).status())
                .isEqualTo(200);
        assertThat(admin.post("/api/instances/" + other + "/tags", Map.of("tag_id", tag)).status()).isEqualTo(200);
        long schema = admin.post("/api/form-schemas", Map.of("name", unique("Export form"), "schema", Map.of(
                "type", "object", "properties", Map.of(
                        "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large")),
                        "ga", Map.of("type", "boolean"),
                        "lesions", Map.of("type", "array"))))).json().get("id").asLong();
        JsonNode instance = admin.get("/api/instances/" + image).json();
        Api.Response form = admin.post("/api/form-annotations", Map.of("form_schema_id", schema,
                "patient_id", instance.get("patient").get("id").asLong(), "image_instance_id", image,
                "form_data", Map.of("drusen", "small", "ga", true, "lesions", List.of(1, 2))));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        long feature = admin.post("/api/features", Map.of("name", unique("Export drusen"))).json().get("id").asLong();
        Api.Response segmentation = createSegmentation(admin, other, feature, mask(3));
        assertThat(segmentation.status()).as(segmentation.toString()).isEqualTo(200);
        return new Scene(project, image, other, tag, form.json().get("id").asLong(), schema,
                segmentation.json().get("id").asLong(), feature);
    }

    private static long importImage(Api admin, String project, String patient, String date) throws IOException {
        Map<String, Object> props = new HashMap<>(ImagingHttpTest.RIGHT_FUNDUS);
        props.put("Rows_y", 6);
        props.put("Columns_x", 8);
        Api.Response imported = admin.post("/api/import/image", ImagingHttpTest.request(project, patient, date,
                ImagingHttpTest.png("export", 8, 6), props, ImagingHttpTest.CREATE_ALL));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        return imported.json().get("data").get("image_ids").get(0).asLong();
    }

    private static NdArray mask(int marked) {
        byte[] data = new byte[6 * 8];
        for (int i = 0; i < marked; i++) {
            data[i * 5] = 1;
        }
        return new NdArray(DType.UINT8, new int[]{1, 6, 8}, data);
    }

    private static Api.Response createSegmentation(Api admin, long image, long feature, NdArray array) throws IOException {
        return createSegmentation(admin, image, feature, array, null);
    }

    private static Api.Response createSegmentation(Api admin, long image, long feature, NdArray array, Long subTask)
            throws IOException {
        Map<String, Object> metadata = new HashMap<>(Map.of("image_instance_id", image, "depth", 1, "height", 6,
                "width", 8, "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature));
        if (subTask != null) {
            metadata.put("subtask_id", subTask);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Npy.write(array));
        }
        return admin.multipart("/api/segmentations", List.of(
                new Api.Part("metadata", null, "text/plain", Api.JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8)),
                new Api.Part("np_array", "np_array.npy.gz", "application/octet-stream", gz.toByteArray())));
    }

    /** Starts an export, waits for it and answers its state and zip. */
    private Export export(Map<String, Object> body) throws InterruptedException {
        Api.Response started = admin().post("/api/admin/exports", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String taskId = started.json().get("task_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode state = admin().get("/api/admin/exports/" + taskId).json();
        while (List.of("queued", "running").contains(state.get("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = admin().get("/api/admin/exports/" + taskId).json();
        }
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("finished");
        assertThat(admin().get("/api/jobs/" + taskId).json().get("kind").asText()).isEqualTo("export");
        Api.Response zip = admin().sendBytes("GET", "/api/admin/exports/" + taskId + "/download", new byte[0], null, Map.of());
        assertThat(zip.status()).as(zip.body()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(BlobStore.sha256(zip.bytes())).isEqualTo(state.get("zip_sha256").asText());
        return new Export(state, zip.bytes(), unzip(zip.bytes()));
    }

    private record Export(JsonNode state, byte[] zip, Map<String, byte[]> files) {

        JsonNode manifest() throws IOException {
            return Api.JSON.readTree(files.get("manifest.json"));
        }

        long position() {
            return state.get("position").asLong();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new TreeMap<>();
        List<String> order = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                order.add(entry.getName());
                files.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(order).as("entries in name order").isSorted();
        return files;
    }

    /** The files as text for a readable failure (binary files by their hash). */
    private static Map<String, String> described(Map<String, byte[]> files) {
        Map<String, String> described = new TreeMap<>();
        files.forEach((name, bytes) -> described.put(name, name.endsWith(".csv") || name.endsWith(".json")
                ? new String(bytes, StandardCharsets.UTF_8) : BlobStore.sha256(bytes)));
        return described;
    }

    @Test
    void aSnapshotAsOfAMomentEqualsTheLiveExportThenAndRepeatsByteForByte() throws Exception {
        Scene scene = scene();
        Export live = export(Map.of("project", scene.project()));
        long position = live.position();

        // changes after the moment: a tag, a form edit, a mask write, a new mask
        Api admin = admin();
        long laterTag = admin.post("/api/tags", Map.of("name", unique("later-tag"), "tag_type", "ImageInstance",
                "description", "after the snapshot")).json().get("id").asLong();
        assertThat(admin.post("/api/instances/" + scene.image() + "/tags", Map.of("tag_id", laterTag)).status()).isEqualTo(200);
        assertThat(admin.sendBytes("PUT", "/api/form-annotations/" + scene.form() + "/value",
                "{\"drusen\":\"large\",\"ga\":false}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of())
                .status()).isEqualTo(204);
        Api.Response written = admin.sendBytes("PUT", "/api/segmentations/" + scene.segmentation() + "/data",
                Npy.write(mask(7)), "application/octet-stream", Map.of());
        assertThat(written.status()).as(written.toString()).isBetween(200, 204);
        assertThat(createSegmentation(admin, scene.image(), scene.feature(), mask(1)).status()).isEqualTo(200);

        Export past = export(Map.of("project", scene.project(), "as_of", position));
        Export again = export(Map.of("project", scene.project(), "as_of", Long.toString(position)));
        assertThat(described(past.files())).isEqualTo(described(live.files()));
        assertThat(past.zip()).as("the snapshot as of T is the live export made at T").isEqualTo(live.zip());
        assertThat(again.zip()).as("two runs with the same as_of").isEqualTo(past.zip());

        Export now = export(Map.of("project", scene.project()));
        assertThat(now.position()).isGreaterThan(position);
        JsonNode counts = now.manifest().get("row_counts");
        assertThat(counts.get("tags").asInt()).isEqualTo(3);
        assertThat(counts.get("segmentations").asInt()).isEqualTo(2);
        assertThat(live.manifest().get("row_counts").get("tags").asInt()).isEqualTo(2);
        assertThat(now.files().get("masks/" + scene.segmentation() + ".npy"))
                .isNotEqualTo(live.files().get("masks/" + scene.segmentation() + ".npy"));
        assertThat(Npy.read(live.files().get("masks/" + scene.segmentation() + ".npy"))).isEqualTo(mask(3));
        assertThat(Npy.read(now.files().get("masks/" + scene.segmentation() + ".npy"))).isEqualTo(mask(7));
        assertThat(new String(now.files().get("forms.csv"), StandardCharsets.UTF_8)).contains("large");
        assertThat(new String(live.files().get("forms.csv"), StandardCharsets.UTF_8)).contains("small").doesNotContain("large");
    }

    @Test
    void attributesOfTheSnapshotsObjectsAreExportedAsTheyWereAtItsMoment() throws Exception {
        Scene scene = scene();
        String model = unique("export-model");
        String frame = "entity_kind,entity_id,attribute,value,model,model_version\n"
                + "image_instance," + scene.image() + ",export_score,%s," + model + ",1\n"
                + "segmentation," + scene.segmentation() + ",export_area,0.25," + model + ",1\n";
        Api admin = admin();
        assertThat(admin.sendBytes("POST", "/api/attributes/import", frame.formatted("0.5")
                .getBytes(StandardCharsets.UTF_8), "text/csv", Map.of()).status()).isEqualTo(200);
        Export first = export(Map.of("project", scene.project()));
        assertThat(admin.sendBytes("POST", "/api/attributes/import", frame.formatted("0.9")
                .getBytes(StandardCharsets.UTF_8), "text/csv", Map.of()).status()).isEqualTo(200);
        Export later = export(Map.of("project", scene.project()));

        String csv = new String(first.files().get("attributes.csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).containsExactly(
                "object_kind,object_id,attribute_id,attribute,data_type,model,model_version,laterality,value_int,"
                        + "value_float,value_text,value_json",
                csv.lines().toList().get(1), csv.lines().toList().get(2));
        assertThat(csv).contains("image_instance," + scene.image() + ",").contains(",export_score,Float," + model
                + ",1,,,0.5,,").contains("segmentation," + scene.segmentation() + ",").contains(",0.25,,");
        assertThat(new String(later.files().get("attributes.csv"), StandardCharsets.UTF_8)).contains(",0.9,,");
        assertThat(export(Map.of("project", scene.project(), "as_of", first.position())).zip())
                .as("as of the first export's moment: the first value").isEqualTo(first.zip());
        assertThat(later.manifest().get("row_counts").get("attributes").asInt()).isEqualTo(2);
    }

    @Test
    void theManifestDescribesTheSnapshotAndItsHashesVerify() throws Exception {
        Scene scene = scene();
        Export export = export(Map.of("project", scene.project()));
        JsonNode manifest = export.manifest();
        List<String> keys = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted().contains("files", "instant", "macula_version", "position", "project", "row_counts");
        assertThat(manifest.get("position").asLong()).isEqualTo(export.position());
        assertThat(manifest.get("instant").asText()).isEqualTo(export.state().get("instant").asText()).endsWith("Z");
        assertThat(manifest.get("macula_version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(manifest.get("project").get("name").asText()).isEqualTo(scene.project());
        assertThat(manifest.get("row_counts").get("images").asInt()).isEqualTo(2);
        assertThat(manifest.get("row_counts").get("masks").asInt()).isEqualTo(1);
        Map<String, String> hashes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            hashes.put(file.getKey(), file.getValue().asText());
        }
        Map<String, String> actual = new TreeMap<>();
        export.files().forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                actual.put(name, BlobStore.sha256(bytes));
            }
        });
        assertThat(hashes).isEqualTo(actual);
        assertThat(hashes.keySet()).contains("images.parquet", "images.csv", "tags.parquet", "tags.csv", "forms.parquet",
                "forms.csv", "segmentations.parquet", "segmentations.csv", "masks/" + scene.segmentation() + ".npy");
        assertThat(export.state().get("row_counts").get("forms").asInt()).isEqualTo(1);
    }

    @Test
    void theParquetFilesReadBackWithDuckDb() throws Exception {
        Scene scene = scene();
        Export export = export(Map.of("project", scene.project()));
        Path dir = Files.createTempDirectory("macula-export");
        for (Map.Entry<String, byte[]> file : export.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            assertThat(columns(sql, dir.resolve("images.parquet"))).containsExactly("instance_id", "path", "patient_id",
                    "patient_identifier", "study_id", "study_date", "study_instance_uid", "series_id",
                    "series_instance_uid", "sop_instance_uid", "laterality", "modality", "dicom_modality", "width",
                    "height", "frames");
            try (ResultSet images = sql.executeQuery("select instance_id, patient_identifier, study_date::varchar, laterality,"
                    + " width, height from '" + dir.resolve("images.parquet") + "' order by instance_id")) {
                assertThat(images.next()).isTrue();
                assertThat(images.getLong(1)).isEqualTo(scene.image());
                assertThat(images.getString(2)).isEqualTo("P1");
                assertThat(images.getString(3)).isEqualTo("2024-05-05");
                assertThat(images.getString(4)).isEqualTo("R");
                assertThat(images.getInt(5)).isEqualTo(8);
                assertThat(images.getInt(6)).isEqualTo(6);
                assertThat(images.next()).isTrue();
                assertThat(images.getLong(1)).isEqualTo(scene.otherImage());
                assertThat(images.next()).isFalse();
            }
            assertThat(columns(sql, dir.resolve("tags.parquet"))).containsExactly("object_kind", "object_id", "tag_id",
                    "tag_name", "tagger_id", "tagger_name", "date", "comment");
            try (ResultSet tags = sql.executeQuery("select object_kind, object_id, tag_id, tagger_name, comment, typeof(date)"
                    + " from '" + dir.resolve("tags.parquet") + "' order by object_id")) {
                assertThat(tags.next()).isTrue();
                assertThat(tags.getString(1)).isEqualTo("ImageInstance");
                assertThat(tags.getLong(2)).isEqualTo(scene.image());
                assertThat(tags.getLong(3)).isEqualTo(scene.tag());
                assertThat(tags.getString(4)).isEqualTo(ADMIN);
                assertThat(tags.getString(5)).isEqualTo("first look");
                assertThat(tags.getString(6)).isEqualTo("TIMESTAMP");
            }
            assertThat(columns(sql, dir.resolve("forms.parquet"))).startsWith("form_annotation_id", "form_schema_id")
                    .endsWith("drusen", "ga", "lesions").contains("grader_name", "sub_task_id");
            try (ResultSet forms = sql.executeQuery("select form_annotation_id, drusen, ga, lesions from '"
                    + dir.resolve("forms.parquet") + "'")) {
                assertThat(forms.next()).isTrue();
                assertThat(forms.getLong(1)).isEqualTo(scene.form());
                assertThat(forms.getString(2)).isEqualTo("small");
                assertThat(forms.getString(3)).isEqualTo("true");
                assertThat(forms.getString(4)).isEqualTo("[1,2]");
            }
            try (ResultSet segmentations = sql.executeQuery("select segmentation_id, instance_id, feature_id, data_version,"
                    + " checksum, mask from '" + dir.resolve("segmentations.parquet") + "'")) {
                assertThat(segmentations.next()).isTrue();
                assertThat(segmentations.getLong(1)).isEqualTo(scene.segmentation());
                assertThat(segmentations.getLong(2)).isEqualTo(scene.otherImage());
                assertThat(segmentations.getLong(3)).isEqualTo(scene.feature());
                assertThat(segmentations.getInt(4)).isEqualTo(1);
                assertThat(segmentations.getString(5)).isEqualTo(BlobStore.sha256(mask(3).data()));
                assertThat(segmentations.getString(6)).isEqualTo("masks/" + scene.segmentation() + ".npy");
            }
            try (ResultSet csv = sql.executeQuery("select count(*) from read_csv('" + dir.resolve("images.csv") + "')")) {
                assertThat(csv.next()).isTrue();
                assertThat(csv.getInt(1)).isEqualTo(2);
            }
        }
    }

    private static List<String> columns(Statement sql, Path parquet) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet described = sql.executeQuery("describe select * from '" + parquet + "'")) {
            while (described.next()) {
                columns.add(described.getString("column_name"));
            }
        }
        return columns;
    }

    @Test
    void aTaskLimitsTheSnapshotToItsSubTaskImagesAndTheirFormsAndSegmentations() throws Exception {
        Scene scene = scene();
        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("export grading"))).json()
                .get("id").asLong();
        long task = admin.post("/api/task", Map.of("name", unique("export campaign"), "task_definition_id", definition))
                .json().get("id").asLong();
        Api.Response subTask = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(scene.otherImage())));
        assertThat(subTask.status()).as(subTask.toString()).isEqualTo(200);
        long subTaskId = subTask.json().get("id").asLong();
        JsonNode other = admin.get("/api/instances/" + scene.otherImage()).json();
        Api.Response form = admin.post("/api/form-annotations", Map.of("form_schema_id", scene.schema(),
                "patient_id", other.get("patient").get("id").asLong(), "image_instance_id", scene.otherImage(),
                "sub_task_id", subTaskId, "form_data", Map.of("drusen", "none")));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        Api.Response segmentation = createSegmentation(admin, scene.otherImage(), scene.feature(), mask(2), subTaskId);
        assertThat(segmentation.status()).as(segmentation.toString()).isEqualTo(200);

        Export export = export(Map.of("project", scene.project(), "task_id", task));

        JsonNode manifest = export.manifest();
        assertThat(manifest.get("task_id").asLong()).isEqualTo(task);
        assertThat(manifest.get("row_counts").get("images").asInt()).isEqualTo(1);
        assertThat(manifest.get("row_counts").get("forms").asInt()).isEqualTo(1);
        assertThat(manifest.get("row_counts").get("segmentations").asInt()).isEqualTo(1);
        assertThat(manifest.get("row_counts").get("tags").asInt()).as("the other image's tag only").isEqualTo(1);
        String images = new String(export.files().get("images.csv"), StandardCharsets.UTF_8);
        assertThat(images.lines().skip(1).map(line -> line.split(",")[0]).toList())
                .containsExactly(Long.toString(scene.otherImage()));
        String forms = new String(export.files().get("forms.csv"), StandardCharsets.UTF_8);
        assertThat(forms.lines().skip(1).map(line -> line.split(",")[0]).toList())
                .containsExactly(form.json().get("id").asText());
        assertThat(export.files().keySet()).contains("masks/" + segmentation.json().get("id").asLong() + ".npy")
                .doesNotContain("masks/" + scene.segmentation() + ".npy");
    }

    @Test
    void theCommandLineExportUnpacksTheSnapshotIntoItsDirectory() throws Exception {
        Scene scene = scene();
        Export first = export(Map.of("project", scene.project()));
        PlatformClient client = new PlatformClient("http://127.0.0.1:" + port, null, null, null);
        client.login(ADMIN, ADMIN_PASSWORD);
        Path out = Files.createTempDirectory("macula-cli-export").resolve("snap");

        JsonNode export = DatasetExportCli.run(client, DatasetExportCli.Options.parse(new String[]{
                "--project", scene.project(), "--as-of", Long.toString(first.position()), "--out", out.toString()}), false);

        assertThat(export.get("position").asLong()).isEqualTo(first.position());
        Map<String, byte[]> unpacked = new TreeMap<>();
        try (var files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                unpacked.put(out.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        assertThat(described(unpacked)).isEqualTo(described(first.files()));
        IllegalStateException refused = catchThrowableOfType(IllegalStateException.class,
                () -> DatasetExportCli.run(client, DatasetExportCli.Options.parse(new String[]{
                        "--project", unique("missing"), "--out", out.toString()}), false));
        assertThat(refused).hasMessageContaining("422").hasMessageContaining("no project is named");
    }

    @Test
    void onlyAdminsExportAndBadRequestsAreRefusedClearly() throws Exception {
        Scene scene = scene();
        assertThat(anonymous().post("/api/admin/exports", Map.of("project", scene.project())).status()).isEqualTo(401);
        assertThat(newUser("exporter").post("/api/admin/exports", Map.of("project", scene.project())).status()).isEqualTo(403);

        Api admin = admin();
        Api.Response missing = admin.post("/api/admin/exports", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"project\"]");
        Api.Response unknown = admin.post("/api/admin/exports", Map.of("project", unique("no such project")));
        assertThat(unknown.status()).as("a project that does not exist is a 422 on the body field").isEqualTo(422);
        assertThat(unknown.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"project\"]");
        Api.Response noTask = admin.post("/api/admin/exports", Map.of("project", scene.project(), "task_id", 987654321));
        assertThat(noTask.status()).isEqualTo(422);
        assertThat(noTask.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"task_id\"]");
        Api.Response future = admin.post("/api/admin/exports", Map.of("project", scene.project(), "as_of", "2999-01-01T00:00:00Z"));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"as_of\"]");
        assertThat(admin.post("/api/admin/exports", Map.of("project", scene.project(), "as_of", "yesterday")).status())
                .isEqualTo(422);
        assertThat(admin.post("/api/admin/exports", Map.of("project", scene.project(), "as_of", "999999999999")).status())
                .isEqualTo(422);

        assertThat(admin.get("/api/admin/exports/not-a-uuid").status()).isEqualTo(404);
        assertThat(admin.get("/api/admin/exports/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/api/admin/exports/" + java.util.UUID.randomUUID() + "/download").status()).isEqualTo(404);
        assertThat(newUser("peeker").get("/api/admin/exports/" + java.util.UUID.randomUUID()).status()).isEqualTo(403);
    }
}
