package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Thumbnails are made after the import answers, and the update_thumbnails job repairs failures. */
class ThumbnailsHttpTest extends HttpTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private JsonNode await(Api client, String path, Predicate<JsonNode> until) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode body;
        do {
            body = client.get(path).json();
            if (until.test(body)) {
                return body;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no convergence within " + PATIENCE + ": " + body);
    }

    private long importImage(Api client, String image) {
        return importImage(client, image, ImagingHttpTest.RIGHT_FUNDUS);
    }

    private long importImage(Api client, String image, java.util.Map<String, Object> imageProps) {
        Api.Response response = client.post("/api/import/image", ImagingHttpTest.request(unique("thumbs"), "T1",
                "2024-03-01", image, imageProps, ImagingHttpTest.CREATE_ALL));
        assertThat(response.json().get("success").asBoolean()).as(response.toString()).isTrue();
        return response.json().get("data").get("image_ids").get(0).asLong();
    }

    @Test
    void importAnswersAtOnceAndThumbnailsFollow() throws Exception {
        Api client = admin();
        long id = importImage(client, ImagingHttpTest.png("thumbs", 1200, 800));

        JsonNode instance = await(client, "/api/instances/" + id, i -> !i.get("thumbnail_path").asText().isEmpty());
        String identifier = instance.get("thumbnail_path").asText();
        assertThat(identifier).matches(instance.get("project").get("id").asLong() + "/[0-9a-f]{24}");
        assertThat(instance.get("thumbnail_identifier").asText()).isEqualTo(identifier);
        BufferedImage large = ImageIO.read(THUMBNAILS_ROOT.resolve(identifier + "_540.jpg").toFile());
        BufferedImage small = ImageIO.read(THUMBNAILS_ROOT.resolve(identifier + "_144.jpg").toFile());
        assertThat(large.getWidth()).isEqualTo(540);
        assertThat(large.getHeight()).isEqualTo(360);
        assertThat(small.getWidth()).isEqualTo(144);
        assertThat(admin().get("/api/history/instance/" + id).json().findValuesAsText("type"))
                .containsSubsequence("ImageImported", "ThumbnailsGenerated");
    }

    private BufferedImage thumbnail(Api client, long id, int size) throws Exception {
        JsonNode instance = await(client, "/api/instances/" + id, i -> !i.get("thumbnail_path").asText().isEmpty());
        return ImageIO.read(THUMBNAILS_ROOT.resolve(instance.get("thumbnail_path").asText() + "_" + size + ".jpg").toFile());
    }

    @Test
    void colorFundusThumbnailIsTheSquareAroundTheFieldOfView() throws Exception {
        // a 4:3 photo: a vignetted red disc of radius 420 on black, with a white label in a corner
        int width = 1200;
        int height = 900;
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = Math.hypot(x - 610, y - 450) / 420;
                if (d <= 1) {
                    double k = 1 - 0.5 * d * d;
                    photo.setRGB(x, y, (int) (220 * k) << 16 | (int) (100 * k) << 8 | (int) (40 * k));
                }
            }
        }
        java.awt.Graphics2D g = photo.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 30));
        g.drawString("OD 45°", 20, 870);
        g.dispose();
        Path file = Files.createDirectories(IMAGES_ROOT.resolve("fundus")).resolve(unique("cfp") + ".jpg");
        assertThat(ImageIO.write(photo, "jpeg", file.toFile())).isTrue();
        long id = importImage(admin(), IMAGES_ROOT.relativize(file).toString());

        BufferedImage large = thumbnail(admin(), id, 540);
        BufferedImage small = thumbnail(admin(), id, 144);
        assertThat(large.getWidth() + "x" + large.getHeight()).as("aspect 1, not 4:3").isEqualTo("540x540");
        assertThat(small.getWidth() + "x" + small.getHeight()).isEqualTo("144x144");
        // the disc fills the square: bright in the middle and at the middles of the edges, black corners
        assertThat(red(large, 270, 270)).isGreaterThan(180);
        assertThat(red(large, 8, 270)).isGreaterThan(80);
        assertThat(red(large, 531, 270)).isGreaterThan(80);
        assertThat(red(large, 20, 20)).isLessThan(25);
        assertThat(red(large, 520, 520)).isLessThan(25);
    }

    private static int red(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) >> 16) & 0xff;
    }

    @Test
    void pngSeriesVolumeIsImportedWithItsShapeAndGetsAnEnFaceThumbnail() throws Exception {
        String folder = unique("series");
        Path dir = Files.createDirectories(IMAGES_ROOT.resolve(folder));
        for (int i = 0; i < 12; i++) {
            BufferedImage frame = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
            // brighter frame after frame: the en-face projection is a vertical ramp
            java.util.Arrays.fill(((java.awt.image.DataBufferByte) frame.getRaster().getDataBuffer()).getData(),
                    (byte) (20 * i));
            ImageIO.write(frame, "png", dir.resolve("oct_" + i + ".png").toFile());
        }
        Api client = admin();
        String identifier = "[png_series_12]" + folder + "/./oct.png";
        long id = importImage(client, identifier, java.util.Map.of("Laterality", "L", "Modality", "OCT"));

        JsonNode instance = client.get("/api/instances/" + id).json();
        assertThat(instance.get("dataset_identifier").asText()).isEqualTo("[png_series_12]" + folder + "/oct.png");
        assertThat(instance.get("rows").asInt()).isEqualTo(48);
        assertThat(instance.get("columns").asInt()).isEqualTo(64);
        assertThat(instance.get("nr_of_frames").asInt()).isEqualTo(12);

        BufferedImage enFace = thumbnail(client, id, 540);
        assertThat(enFace.getWidth() + "x" + enFace.getHeight()).as("(w, n) with aspect 1").isEqualTo("64x12");
        assertThat(enFace.getRaster().getSample(32, 0, 0)).isLessThan(25);
        assertThat(enFace.getRaster().getSample(32, 11, 0)).isGreaterThan(230);

        // the pseudo identifier names no file: a clear 404, while the frames themselves are served
        String encoded = "%5Bpng_series_12%5D" + folder + "/oct.png";
        Api.Response file = client.get("/api/instances/images/" + encoded);
        assertThat(file.status()).as(file.toString()).isEqualTo(404);
        assertThat(client.get("/api/instances/images/" + folder + "/oct_0.png").status()).isEqualTo(200);

        // a missing frame fails the import, naming it
        Api.Response missing = client.post("/api/import/image", ImagingHttpTest.request(unique("thumbs"), "T1",
                "2024-03-01", "[png_series_13]" + folder + "/oct.png", java.util.Map.of("Laterality", "L"),
                ImagingHttpTest.CREATE_ALL));
        assertThat(missing.json().get("success").asBoolean()).isFalse();
        assertThat(missing.json().get("error").asText()).isEqualTo("File does not exist: " + folder + "/oct_12.png");
    }

    @Test
    void failedThumbnailsAreMarkedAndTheJobRetriesThem() throws Exception {
        Api client = admin();
        Path broken = Files.createDirectories(IMAGES_ROOT.resolve("broken")).resolve(unique("scan") + ".png");
        Files.write(broken, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        long id = importImage(client, IMAGES_ROOT.relativize(broken).toString());

        await(client, "/api/instances/" + id, i -> admin().get("/api/history/instance/" + id).json()
                .findValuesAsText("type").contains("ThumbnailsFailed"));
        assertThat(client.get("/api/instances/" + id).json().get("thumbnail_path").asText()).isEmpty();

        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "png", broken.toFile());
        Api.Response queued = client.post("/api/import/update_thumbnails?retry_failed=true", null);
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json().get("success").asBoolean()).isTrue();
        assertThat(queued.json().get("message").asText()).isEqualTo("Thumbnail update task queued successfully");
        String taskId = queued.json().get("task_id").asText();

        JsonNode job = await(client, "/api/jobs/" + taskId, j -> j.get("state").asText().equals("finished"));
        assertThat(job.get("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(job.get("done").asInt()).isEqualTo(job.get("total").asInt());
        assertThat(job.get("started_at").asText()).isNotEmpty();
        assertThat(job.get("finished_at").asText()).isNotEmpty();
        assertThat(client.get("/api/instances/" + id).json().get("thumbnail_path").asText()).isNotEmpty();

        assertThat(client.get("/api/jobs/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(client.get("/api/jobs/not-a-uuid").status()).isEqualTo(404);
        assertThat(anonymous().post("/api/import/update_thumbnails", null).status()).isEqualTo(401);
    }
}
