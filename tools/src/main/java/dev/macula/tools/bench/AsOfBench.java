package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.tools.support.PlatformClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code ./macula bench asof [N]}: one segmentation with N events (default 1,000: threshold edits,
 * tags attached, commented and detached, mask writes), then the latency (p50/p99) of
 * {@code GET /api/segmentations/{id}?as_of=<position>} at random positions within its history
 * against the live {@code GET} of the same segmentation, interleaved so both see the same
 * conditions. Summary: {@code asof_get}, ratio = live p50 / as-of p50 (goal ≥ 0.33, i.e. an as-of
 * read at most three times a live one).
 */
public final class AsOfBench {

    private static final ObjectMapper JSON = PlatformClient.JSON;
    private static final int SIDE = 64;
    private static final int TAGS = 8;
    private static final int SAMPLES = 500;

    private AsOfBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int events = Integer.parseInt(o.getOrDefault("--events", "1000"));
        PlatformClient client = new PlatformClient(o.get("--url"), null, null, null);
        client.login(System.getenv("MACULA_USERNAME"), System.getenv("MACULA_PASSWORD"));
        long id = segmentation(client, Path.of(o.get("--images-root")));
        List<Long> tags = new ArrayList<>();
        for (int t = 0; t < TAGS; t++) {
            tags.add(json(client.post("/api/tags", Map.of("name", "bench-" + t, "tag_type", "Segmentation",
                    "description", "bench"))).get("id").asLong());
        }

        long start = System.nanoTime();
        Random random = new Random(14);
        Set<Long> attached = new LinkedHashSet<>();
        for (int i = 1; i < events; i++) { // its creation is the first event
            String path = "/api/segmentations/" + id;
            long tag = tags.get(random.nextInt(TAGS));
            HttpResponse<String> response;
            if (i % 5 == 0) {
                response = client.send("PUT", path + "/data", "application/octet-stream", Npy.write(mask(random)));
            } else if (i % 5 < 3) {
                response = client.patch(path, Map.of("threshold", (i % 1000) / 1000.0)); // never the same twice in a row
            } else if (!attached.contains(tag)) {
                response = client.post(path + "/tags", Map.of("tag_id", tag, "comment", "first look " + i));
                attached.add(tag);
            } else if (i % 5 == 3) {
                response = client.patch(path + "/tags/" + tag, Map.of("comment", "on second thought " + i));
            } else {
                response = client.delete(path + "/tags/" + tag);
                attached.remove(tag);
            }
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
            }
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        JsonNode history = json(client.get("/api/history/segmentation/" + id));
        // its creation is two events (created, empty data written) that take effect together: from the second on
        long first = history.get(1).get("position").asLong();
        long last = history.get(history.size() - 1).get("position").asLong();
        LongSupplier moment = () -> first + (long) (random.nextDouble() * (last - first + 1));

        String live = "/api/segmentations/" + id;
        for (int i = 0; i < 50; i++) { // warm-up of both paths
            get(client, live);
            get(client, live + "?as_of=" + moment.getAsLong());
        }
        double[] liveMs = new double[SAMPLES];
        double[] asOfMs = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            liveMs[i] = timed(client, live);
            asOfMs[i] = timed(client, live + "?as_of=" + moment.getAsLong());
        }
        double[] liveP = Latencies.percentiles(liveMs);
        double[] asOfP = Latencies.percentiles(asOfMs);
        System.out.printf("""
                as-of benchmark: one segmentation with %d events (threshold edits, tag links and comments, mask writes), \
                written in %.1f s
                  GET /api/segmentations/{id}                       p50 %.2f ms  p99 %.2f ms
                  GET /api/segmentations/{id}?as_of=<a position>    p50 %.2f ms  p99 %.2f ms  (live/as-of p50 ratio %.2f; goal ≥ 0.33)
                """, history.size(), writeSeconds, liveP[0], liveP[1], asOfP[0], asOfP[1], liveP[0] / asOfP[0]);
        BenchSummary.record("asof_get", asOfP[0], liveP[0], "ms p50 (as-of vs live GET)", true);
    }

    /** An image of SIDE × SIDE pixels with a segmentation on it (no data yet); the segmentation's id. */
    private static long segmentation(PlatformClient client, Path imagesRoot) throws Exception {
        ImageIO.write(new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB), "png",
                imagesRoot.resolve("bench-asof.png").toFile());
        long image = json(client.post("/api/import/image", Map.of("data", Map.of("project_name", "bench",
                        "patient_identifier", "A", "image", "bench-asof.png",
                        "image_props", Map.of("Laterality", "R", "Rows_y", SIDE, "Columns_x", SIDE)),
                "options", Map.of("create_project", true, "create_patients", true, "create_studies", true))))
                .get("data").get("image_ids").get(0).asLong();
        long feature = json(client.post("/api/features", Map.of("name", "bench-asof"))).get("id").asLong();
        String metadata = JSON.writeValueAsString(Map.of("image_instance_id", image, "depth", 1, "height", SIDE,
                "width", SIDE, "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature));
        byte[] form = ("--bench\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
                + "\r\n--bench--\r\n").getBytes(StandardCharsets.UTF_8);
        return json(client.send("POST", "/api/segmentations", "multipart/form-data; boundary=bench", form))
                .get("id").asLong();
    }

    private static NdArray mask(Random random) {
        NdArray array = NdArray.zeros(DType.UINT8, 1, SIDE, SIDE);
        for (int i = 0; i < array.data().length; i++) {
            array.data()[i] = (byte) (random.nextInt(8) == 0 ? 1 : 0);
        }
        return array;
    }

    private static double timed(PlatformClient client, String path) throws Exception {
        long t = System.nanoTime();
        get(client, path);
        return (System.nanoTime() - t) / 1e6;
    }

    private static void get(PlatformClient client, String path) throws Exception {
        HttpResponse<String> response = client.get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
