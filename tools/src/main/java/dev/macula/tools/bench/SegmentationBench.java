package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./macula bench segmentation}: {@code PUT} and {@code GET .../data} throughput for a
 * 1632×2464 uint8 mask through the platform, against the raw cost of the same {@code .npy} and
 * zstd work in this process, as ratios.
 */
public final class SegmentationBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int H = 1632;
    private static final int W = 2464;

    private SegmentationBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String url = options.getOrDefault("--url", "http://127.0.0.1:8080");
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "30"));
        Path imagesRoot = Path.of(options.getOrDefault("--images-root", "/images"));
        HttpClient http = HttpClient.newHttpClient();
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", System.getenv("MACULA_USERNAME"), "password", System.getenv("MACULA_PASSWORD")))))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();

        Path png = imagesRoot.resolve("bench-seg.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        String importBody = JSON.writeValueAsString(Map.of("data", Map.of("project_name", "bench", "patient_identifier", "B",
                "image", "bench-seg.png", "image_props", Map.of("Laterality", "R", "Rows_y", H, "Columns_x", W)),
                "options", Map.of("create_project", true, "create_patients", true, "create_studies", true)));
        long image = JSON.readTree(send(http, url, token, "POST", "/api/import/image", "application/json",
                importBody.getBytes(StandardCharsets.UTF_8)).body()).get("data").get("image_ids").get(0).asLong();
        long feature = JSON.readTree(send(http, url, token, "POST", "/api/features", "application/json",
                "{\"name\":\"bench\"}".getBytes(StandardCharsets.UTF_8)).body()).get("id").asLong();
        String boundary = "bench";
        String metadata = JSON.writeValueAsString(Map.of("image_instance_id", image, "depth", 1, "height", H, "width", W,
                "data_type", "R8UI", "data_representation", "Binary", "feature_id", feature));
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode created = JSON.readTree(send(http, url, token, "POST", "/api/segmentations",
                "multipart/form-data; boundary=" + boundary, multipart).body());
        long id = created.get("id").asLong();

        // a realistic mask: a few filled blobs on empty background
        byte[][] masks = new byte[rounds][];
        Random random = new Random(1);
        for (int r = 0; r < rounds; r++) {
            byte[] mask = new byte[H * W];
            for (int blob = 0; blob < 40; blob++) {
                int cx = random.nextInt(W);
                int cy = random.nextInt(H);
                int radius = 10 + random.nextInt(60);
                for (int y = Math.max(0, cy - radius); y < Math.min(H, cy + radius); y++) {
                    for (int x = Math.max(0, cx - radius); x < Math.min(W, cx + radius); x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius) {
                            mask[y * W + x] = 1;
                        }
                    }
                }
            }
            masks[r] = Npy.write(new NdArray(DType.UINT8, new int[]{1, H, W}, mask));
        }
        double mb = masks[0].length / 1e6;

        // warm-up, then timed rounds
        for (int r = 0; r < 3; r++) {
            send(http, url, token, "PUT", "/api/segmentations/" + id + "/data", "application/octet-stream", masks[r]);
            send(http, url, token, "GET", "/api/segmentations/" + id + "/data", null, null);
        }
        long putNanos = 0;
        long getNanos = 0;
        List<String> putTimings = new ArrayList<>();
        List<Long> putMillis = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> put = send(http, url, token, "PUT", "/api/segmentations/" + id + "/data",
                    "application/octet-stream", masks[r]);
            long t1 = System.nanoTime();
            HttpResponse<byte[]> get = send(http, url, token, "GET", "/api/segmentations/" + id + "/data", null, null);
            byte[] npy = new GZIPInputStream(new java.io.ByteArrayInputStream(get.body())).readAllBytes();
            long t2 = System.nanoTime();
            if (put.statusCode() != 200 || !java.util.Arrays.equals(npy, masks[r])) {
                throw new IllegalStateException("round " + r + " did not round-trip: PUT " + put.statusCode());
            }
            putNanos += t1 - t0;
            getNanos += t2 - t1;
            put.headers().firstValue("Server-Timing").ifPresent(putTimings::add);
            putMillis.add((t1 - t0) / 1_000_000);
        }
        putMillis.sort(Long::compare);
        System.out.printf("  a PUT takes %d ms (median, as the client sees it); inside the platform (Server-Timing): %s%n",
                putMillis.get(putMillis.size() / 2), ServerTimings.percentiles(putTimings));
        // the same codec work in-process: PUT = parse .npy + zstd (blob and zarr); GET = unzstd + write .npy + gzip
        long rawPut = 0;
        long rawGet = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            NdArray parsed = Npy.read(masks[r]);
            byte[] blob = Zstd.compress(parsed.data(), 3);
            byte[] chunk = Zstd.compress(parsed.data(), 0);
            long t1 = System.nanoTime();
            byte[] raw = Zstd.decompress(blob, parsed.data().length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(Npy.write(new NdArray(DType.UINT8, new int[]{1, H, W}, raw)));
            }
            new GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray())).readAllBytes();
            long t2 = System.nanoTime();
            rawPut += t1 - t0;
            if (chunk.length == 0) {
                throw new IllegalStateException("zstd produced nothing");
            }
            rawGet += t2 - t1;
        }
        double putRate = mb * rounds / (putNanos / 1e9);
        double getRate = mb * rounds / (getNanos / 1e9);
        double rawPutRate = mb * rounds / (rawPut / 1e9);
        double rawGetRate = mb * rounds / (rawGet / 1e9);
        System.out.printf("""
                segmentation data benchmark: %d rounds of a 1632x2464 uint8 mask (%.2f MB as .npy)
                  PUT .../data:  %.1f MB/s through the platform, raw .npy+zstd in-process %.1f MB/s, ratio %.2f
                  GET .../data:  %.1f MB/s through the platform, raw zstd+.npy+gzip in-process %.1f MB/s, ratio %.2f
                """, rounds, mb, putRate, rawPutRate, putRate / rawPutRate, getRate, rawGetRate, getRate / rawGetRate);
        BenchSummary.record("mask_put", putRate, rawPutRate, "MB/s", false);
        BenchSummary.record("mask_get", getRate, rawGetRate, "MB/s", false);
        Files.deleteIfExists(png);
    }

    private static HttpResponse<byte[]> send(HttpClient http, String url, String token, String method, String path,
                                             String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
