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
        Api.Response response = client.post("/api/import/image", ImagingHttpTest.request(unique("thumbs"), "T1",
                "2024-03-01", image, ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL));
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
