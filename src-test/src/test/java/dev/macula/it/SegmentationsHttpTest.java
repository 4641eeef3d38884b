package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.Slices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Segmentations over HTTP with real {@code .npy} bytes (docs/api.md §3.4, docs/api.md §6), versions and If-Match. */
class SegmentationsHttpTest extends HttpTestBase {

    static long image(Api client, int frames, int rows, int columns) throws IOException {
        Map<String, Object> props = new HashMap<>(ImagingHttpTest.RIGHT_FUNDUS);
        props.put("NrOfFrames", frames);
        props.put("Rows_y", rows);
        props.put("Columns_x", columns);
        Api.Response imported = client.post("/api/import/image", ImagingHttpTest.request(unique("seg"), "S", "2024-02-02",
                ImagingHttpTest.png("seg", columns, rows), props, ImagingHttpTest.CREATE_ALL));
        return imported.json().get("data").get("image_ids").get(0).asLong();
    }

    static long feature(Api client) {
        return client.post("/api/features", Map.of("name", unique("Drusen"))).json().get("id").asLong();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static Api.Response create(Api client, Map<String, Object> metadata, NdArray array) throws IOException {
        List<Api.Part> parts = new java.util.ArrayList<>();
        parts.add(new Api.Part("metadata", null, "text/plain",
                Api.JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8)));
        if (array != null) {
            parts.add(new Api.Part("np_array", "np_array.npy.gz", "application/octet-stream", gzip(Npy.write(array))));
        }
        return client.multipart("/api/segmentations", parts);
    }

    static Map<String, Object> metadata(long image, long feature, int d, int h, int w) {
        Map<String, Object> m = new HashMap<>();
        m.put("image_instance_id", image);
        m.put("depth", d);
        m.put("height", h);
        m.put("width", w);
        m.put("data_type", "R8UI");
        m.put("data_representation", "Binary");
        m.put("feature_id", feature);
        return m;
    }

    private NdArray data(Api client, String query) throws IOException {
        Api.Response response = client.sendBytes("GET", query, new byte[0], null, Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.bytes()))) {
            return Npy.read(in.readAllBytes());
        }
    }

    static Api.Response put(Api client, long id, String query, NdArray array, Map<String, String> headers) {
        return client.sendBytes("PUT", "/api/segmentations/" + id + "/data" + query, Npy.write(array),
                "application/octet-stream", headers);
    }

    static NdArray filled(int[] shape, int value) {
        NdArray zeros = NdArray.zeros(DType.UINT8, shape);
        java.util.Arrays.fill(zeros.data(), (byte) value);
        return new NdArray(DType.UINT8, shape, zeros.data());
    }

    @Test
    void twoDimensionalMaskIsCreatedReadBackAndMirroredInTheZarrStore() throws IOException {
        Api client = admin();
        long image = image(client, 1, 30, 40);
        long feature = feature(client);

        Api.Response empty = create(client, metadata(image, feature, 0, 0, 0), null);
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        JsonNode view = empty.json();
        assertThat(view.get("depth").asInt()).isEqualTo(1);
        assertThat(view.get("height").asInt()).isEqualTo(30);
        assertThat(view.get("width").asInt()).isEqualTo(40);
        assertThat(view.get("annotation_type").asText()).isEqualTo("grader_segmentation");
        assertThat(view.get("feature").get("id").asLong()).isEqualTo(feature);
        assertThat(view.get("creator").get("name").asText()).isEqualTo(ADMIN);
        assertThat(view.get("tags").size()).isZero();
        long id = view.get("id").asLong();
        assertThat(data(client, "/api/segmentations/" + id + "/data").data()).containsOnly(0);

        byte[] mask = new byte[30 * 40];
        mask[5] = 1;
        mask[1199] = 1;
        NdArray drawn = new NdArray(DType.UINT8, new int[]{1, 30, 40}, mask);
        Api.Response uploaded = create(client, metadata(image, feature, 1, 30, 40), drawn);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        long second = uploaded.json().get("id").asLong();
        assertThat(data(client, "/api/segmentations/" + second + "/data")).isEqualTo(drawn);
        assertThat(data(client, "/api/segmentations/" + second + "/data?axis=0&scan_nr=0").shape()).containsExactly(30, 40);

        var array = ZARR_ROOT.resolve("DataRepresentation.Binary/uint8_1_30_40.zarr");
        assertThat(Files.exists(array.resolve("zarr.json"))).isTrue();
        assertThat(Files.list(array.resolve("c")).count()).isGreaterThanOrEqualTo(1); // the non-empty mask has a chunk

        JsonNode instance = client.get("/api/instances/" + image + "?with_segmentations=true").json();
        List<Long> listed = new java.util.ArrayList<>();
        instance.get("segmentations").forEach(segmentation -> listed.add(segmentation.get("id").asLong()));
        assertThat(listed).containsExactly(id, second);
    }

    @Test
    void createRefusesBadUploadsWithTheContractsMessages() throws IOException {
        Api client = admin();
        long image = image(client, 1, 30, 40);
        long feature = feature(client);

        assertThat(create(client, metadata(image, feature, 1, 30, 41), NdArray.zeros(DType.UINT8, 1, 30, 40)).detail())
                .isEqualTo("Segmentation shape (1, 30, 41) does not match array shape (1, 30, 40)");
        assertThat(create(client, metadata(image, feature, 1, 30, 40), NdArray.zeros(DType.UINT8, 30, 40)).detail())
                .isEqualTo("Segmentation is not 3D, got shape (30, 40)");
        assertThat(create(client, metadata(image, feature, 1, 30, 40), NdArray.zeros(DType.UINT16, 1, 30, 40)).detail())
                .isEqualTo("Expected dtype uint8, got uint16");
        assertThat(create(client, metadata(99999999, feature, 1, 30, 40), null).detail())
                .isEqualTo("Segmentation has no associated image");
        assertThat(create(client, metadata(image, 99999999, 1, 30, 40), null).status()).isEqualTo(422);
        assertThat(create(client, metadata(image, feature, 1, 30, 50), null).status()).as("size vs image").isEqualTo(422);
        assertThat(client.multipart("/api/segmentations", List.of()).status()).isEqualTo(422);
    }

    @Test
    void sparseVolumeIsPaintedSliceBySliceWithVersions() throws Exception {
        Api client = admin();
        long image = image(client, 8, 20, 16);
        long feature = feature(client);
        Map<String, Object> meta = metadata(image, feature, 8, 20, 16);
        meta.put("sparse_axis", 0);
        meta.put("scan_indices", List.of());
        long id = create(client, meta, null).json().get("id").asLong();

        NdArray three = filled(new int[]{20, 16}, 3);
        Api.Response first = put(client, id, "?axis=0&scan_nr=3", three, Map.of());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("ScanIndices").toString()).isEqualTo("[3]");
        assertThat(first.json().get("SegmentationID").asLong()).isEqualTo(id);
        Api.Response second = put(client, id, "?axis=0&scan_nr=1", filled(new int[]{20, 16}, 1), Map.of());
        assertThat(second.json().get("ScanIndices").toString()).isEqualTo("[1,3]");

        assertThat(data(client, "/api/segmentations/" + id + "/data?axis=0&scan_nr=3")).isEqualTo(three);
        NdArray whole = data(client, "/api/segmentations/" + id + "/data");
        assertThat(Slices.read(whole, 0, 1).data()).containsOnly(1);
        assertThat(Slices.read(whole, 0, 2).data()).containsOnly(0);
        assertThat(Slices.read(whole, 1, 0).shape()).containsExactly(8, 16);

        JsonNode versions = client.get("/api/segmentations/" + id + "/versions").json();
        assertThat(versions.findValues("version").stream().map(JsonNode::asInt).toList()).containsExactly(1, 2, 3);
        assertThat(versions.get(1).get("scan_nr").asInt()).isEqualTo(3);
        assertThat(versions.get(1).get("actor").get("name").asText()).isEqualTo(ADMIN);
        NdArray atVersion2 = data(client, "/api/segmentations/" + id + "/data?version=2");
        assertThat(Slices.read(atVersion2, 0, 3).data()).containsOnly(3);
        assertThat(Slices.read(atVersion2, 0, 1).data()).containsOnly(0);

        assertThat(put(client, id, "?axis=3&scan_nr=1", three, Map.of()).detail())
                .isEqualTo("Invalid axis: 3. Must be 0 (depth), 1 (height), or 2 (width)");
        assertThat(put(client, id, "?axis=0&scan_nr=8", three, Map.of()).detail())
                .isEqualTo("Invalid slice_index: 8. Must be in range [0, 8)");
        assertThat(put(client, id, "?axis=0", filled(new int[]{8, 20, 16}, 0), Map.of()).detail())
                .isEqualTo("Both axis and slice_index must be provided together for slice operations");
        assertThat(put(client, id, "?axis=0&scan_nr=1", filled(new int[]{16, 20}, 0), Map.of()).detail())
                .isEqualTo("Expected slice shape (20, 16), got (16, 20)");
        assertThat(client.sendBytes("PUT", "/api/segmentations/" + id + "/data", Npy.write(three), "text/plain",
                Map.of()).detail()).isEqualTo("Unsupported media type: text/plain");
        assertThat(client.sendBytes("PUT", "/api/segmentations/" + id + "/data", new byte[]{1, 2}, "application/octet-stream",
                Map.of()).status()).isEqualTo(400);
        assertThat(put(client, 99999999, "", three, Map.of()).detail()).isEqualTo("Segmentation data not found");
        assertThat(admin().get("/api/history/segmentation/" + id).json().findValuesAsText("type"))
                .containsSubsequence("SegmentationCreated", "SegmentationDataWritten", "SegmentationDataWritten");
    }

    @Test
    void ifMatchStopsSilentOverwritesBetweenGraders() throws Exception {
        Api client = admin();
        long image = image(client, 1, 10, 10);
        long id = create(client, metadata(image, feature(client), 1, 10, 10), null).json().get("id").asLong();

        Api.Response first = put(client, id, "", filled(new int[]{1, 10, 10}, 1), Map.of("If-Match", "1"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Server-Timing")).as("where the save's time went")
                .matches("body;dur=[0-9.]+, command;dur=[0-9.]+, mirror;dur=[0-9.]+");
        Api.Response stale = put(client, id, "", filled(new int[]{1, 10, 10}, 2), Map.of("If-Match", "1"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(data(client, "/api/segmentations/" + id + "/data").data()).containsOnly(1);

        // two graders start from version 2 at the same time: exactly one of them wins
        Callable<Integer> grader = () -> put(client, id, "", filled(new int[]{1, 10, 10}, 7),
                Map.of("If-Match", "\"2\"")).status();
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> results = pool.invokeAll(List.of(grader, grader));
            statuses = List.of(results.get(0).get(), results.get(1).get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        // without If-Match the last writer wins, as in the original
        assertThat(put(client, id, "", filled(new int[]{1, 10, 10}, 9), Map.of()).status()).isEqualTo(200);
        assertThat(client.get("/api/segmentations/" + id).json().get("data_version").asInt()).isEqualTo(4);
    }

    @Test
    void patchDeleteAndTagsWithComments() throws IOException {
        Api client = admin();
        long image = image(client, 1, 10, 10);
        long id = create(client, metadata(image, feature(client), 1, 10, 10), null).json().get("id").asLong();

        assertThat(client.patch("/api/segmentations/" + id, Map.of("threshold", 0.4)).json().get("threshold").asDouble())
                .isEqualTo(0.4);
        long tag = client.post("/api/tags", Map.of("name", unique("uncertain"), "tag_type", "Segmentation",
                "description", "")).json().get("id").asLong();
        assertThat(client.post("/api/segmentations/" + id + "/tags", Map.of("tag_id", tag, "comment", "edge"))
                .json().get("comment").asText()).isEqualTo("edge");
        assertThat(client.patch("/api/segmentations/" + id + "/tags/" + tag, Map.of("comment", "border"))
                .json().get("comment").asText()).isEqualTo("border");
        JsonNode withTags = client.get("/api/instances/" + image + "?with_segmentations=true&with_tag_metadata=true").json();
        assertThat(withTags.get("segmentations").get(0).get("tags").get(0).get("comment").asText()).isEqualTo("border");

        assertThat(client.delete("/api/segmentations/" + id).status()).isEqualTo(204);
        assertThat(client.get("/api/segmentations/" + id).status()).as("soft-deleted stays readable").isEqualTo(200);
        assertThat(client.get("/api/instances/" + image + "?with_segmentations=true").json().get("segmentations").size())
                .isZero();
        assertThat(client.get("/api/segmentations/99999999").detail()).isEqualTo("Segmentation not found");
    }
}
