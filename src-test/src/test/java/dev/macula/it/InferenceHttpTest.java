package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** run_inference runs the platform's vessel model as a job and stores model segmentations. */
class InferenceHttpTest extends HttpTestBase {

    private static final int W = 360;
    private static final int H = 300;

    @Test
    void inferenceSegmentsVesselsOfColourFundusImagesOnce() throws Exception {
        boolean[] truth = new boolean[W * H];
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (Math.hypot(x - W / 2.0, y - H / 2.0) > 140) {
                    continue;
                }
                double centre = 150 + 40 * Math.sin(x / 40.0);
                boolean vessel = Math.abs(y - centre) <= 3 || Math.abs(x - 120 - 10 * Math.sin(y / 30.0)) <= 2;
                truth[y * W + x] = vessel;
                int g = vessel ? 70 : 125;
                image.setRGB(x, y, 190 << 16 | g << 8 | 40);
            }
        }
        Path file = Files.createDirectories(IMAGES_ROOT.resolve("inference")).resolve(unique("cfp") + "_OD.png");
        ImageIO.write(image, "png", file.toFile());
        Api client = admin();
        long id = client.post("/api/import/image", ImagingHttpTest.request(unique("inference"), "I", "2024-04-04",
                IMAGES_ROOT.relativize(file).toString(), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();

        runJob(client);

        JsonNode models = client.get("/api/instances/" + id + "?with_model_segmentations=true").json()
                .get("model_segmentations");
        assertThat(models).hasSize(1);
        JsonNode segmentation = models.get(0);
        assertThat(segmentation.get("annotation_type").asText()).isEqualTo("model_segmentation");
        assertThat(segmentation.get("creator").get("name").asText()).isEqualTo("macula-vessels-frangi");
        assertThat(segmentation.get("feature").get("name").asText()).isEqualTo("Vessels");
        assertThat(segmentation.get("tags").size()).isZero();
        assertThat(segmentation.get("date_modified").isNull()).isTrue();

        Api.Response data = client.sendBytes("GET", "/api/model-segmentations/" + segmentation.get("id").asLong() + "/data",
                new byte[0], null, Map.of());
        assertThat(data.status()).isEqualTo(200);
        assertThat(data.header("Content-Disposition")).isEqualTo("inline; filename=\"model_segmentation.npy.gz\"");
        NdArray mask = Npy.read(new GZIPInputStream(new ByteArrayInputStream(data.bytes())).readAllBytes());
        assertThat(mask.shape()).containsExactly(1, H, W);
        long found = 0;
        long correct = 0;
        for (int i = 0; i < W * H; i++) {
            if (mask.data()[i] != 0) {
                found++;
                // within 2 px of a true vessel counts as correct (the response is a little wider than the line)
                int x = i % W;
                int y = i / W;
                boolean near = false;
                for (int dy = -2; dy <= 2 && !near; dy++) {
                    for (int dx = -2; dx <= 2 && !near; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        near = nx >= 0 && nx < W && ny >= 0 && ny < H && truth[ny * W + nx];
                    }
                }
                correct += near ? 1 : 0;
            }
        }
        assertThat(found).as("vessel pixels found").isGreaterThan(500);
        assertThat((double) correct / found).as("precision").isGreaterThan(0.8);
        JsonNode metrics = client.get("/api/instances/" + id).json().get("attributes")
                .get("macula-vessels-frangi-metrics");
        assertThat(metrics.get("vessel_area_fraction").asDouble()).as("the mask's share of the image")
                .isCloseTo((double) found / (W * H), org.assertj.core.data.Offset.offset(1e-6));

        runJob(client); // a second run leaves segmented images alone
        assertThat(client.get("/api/instances/" + id + "?with_model_segmentations=true").json()
                .get("model_segmentations")).hasSize(1);
        assertThat(client.get("/api/model-segmentations/99999999/data").detail())
                .isEqualTo("ModelSegmentation data not found");
    }

    private void runJob(Api client) throws InterruptedException {
        Api.Response queued = client.post("/api/import/run_inference", null);
        assertThat(queued.json().get("message").asText()).isEqualTo("Inference task queued successfully");
        String task = queued.json().get("task_id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = client.get("/api/jobs/" + task).json();
            if (!job.get("state").asText().equals("queued") && !job.get("state").asText().equals("running")) {
                assertThat(job.get("state").asText()).isEqualTo("finished");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("inference job did not finish");
    }
}
