package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Import into the hierarchy and read it back (docs/api.md §3.2, docs/api.md §3.3, docs/api.md §3.11, docs/api.md §5 with the docs/api.md §9.2 fixes). */
class ImagingHttpTest extends HttpTestBase {

    /** Writes a generated PNG below the images root and returns its relative path. */
    static String png(String folder, int width, int height) throws IOException {
        Path dir = Files.createDirectories(IMAGES_ROOT.resolve(folder));
        Path file = dir.resolve(unique("fundus") + ".png");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return IMAGES_ROOT.relativize(file).toString();
    }

    static Map<String, Object> request(String project, String patient, String studyDate, String image,
                                       Map<String, Object> imageProps, Map<String, Object> options) {
        Map<String, Object> data = new HashMap<>();
        data.put("project_name", project);
        data.put("patient_identifier", patient);
        data.put("study_date", studyDate);
        data.put("image", image);
        data.put("image_props", imageProps);
        return Map.of("data", data, "options", options);
    }

    static final Map<String, Object> CREATE_ALL = Map.of("create_project", true, "create_patients", true,
            "create_studies", true);
    static final Map<String, Object> RIGHT_FUNDUS = Map.of("Laterality", "R", "Modality", "ColorFundus");

    private long importOk(Api client, Map<String, Object> request) {
        Api.Response response = client.post("/api/import/image", request);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).as(response.toString()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Import completed successfully");
        assertThat(body.get("data").get("image_count").asInt()).isEqualTo(1);
        return body.get("data").get("image_ids").get(0).asLong();
    }

    private String importError(Api client, Map<String, Object> request) {
        Api.Response response = client.post("/api/import/image", request);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("success").asBoolean()).as(response.toString()).isFalse();
        assertThat(response.json().get("message").asText()).isEqualTo("Import failed");
        assertThat(response.json().get("data").isNull()).isTrue();
        return response.json().get("error").asText();
    }

    @Test
    void minimalImportCreatesTheHierarchyAndReadsDimensionsFromTheFile() throws IOException {
        Api client = admin();
        String project = unique("Rotterdam Study");
        String image = png("minimal", 300, 200);

        long id = importOk(client, request(project, "P-001", "2023-05-15", image, RIGHT_FUNDUS, CREATE_ALL));

        JsonNode instance = client.get("/api/instances/" + id).json();
        assertThat(instance.get("id").asLong()).isEqualTo(id);
        assertThat(instance.get("dataset_identifier").asText()).isEqualTo(image);
        assertThat(instance.get("rows").asInt()).isEqualTo(200);
        assertThat(instance.get("columns").asInt()).isEqualTo(300);
        assertThat(instance.get("nr_of_frames").asInt()).isEqualTo(1);
        assertThat(instance.get("laterality").asText()).isEqualTo("R");
        assertThat(instance.get("modality").asText()).isEqualTo("ColorFundus");
        assertThat(instance.get("project").get("name").asText()).isEqualTo(project);
        assertThat(instance.get("patient").get("identifier").asText()).isEqualTo("P-001");
        assertThat(instance.get("study").get("date").asText()).isEqualTo("2023-05-15T00:00:00");
        assertThat(instance.get("device").toString()).isEqualTo("{\"manufacturer\":\"Unknown\",\"model\":\"Unknown\"}");
        assertThat(instance.get("scan").get("mode").asText()).isEqualTo("Unknown");
        assertThat(instance.get("sop_instance_uid").asText()).isEmpty();
        assertThat(instance.get("angio_graphy").asText()).isEmpty();
        assertThat(instance.get("anatomic_region").asText()).isEmpty();
        assertThat(instance.get("resolution_axial").asDouble()).isZero();
        assertThat(instance.get("tags").size()).isZero();
        assertThat(instance.get("segmentations").isNull()).isTrue();
        assertThat(instance.get("form_annotations").isNull()).isTrue();
        assertThat(instance.get("model_segmentations").isNull()).isTrue();
        assertThat(instance.get("attributes").size()).isZero();
        assertThat(instance.has("cf_roi")).isTrue();

        JsonNode flagged = client.get("/api/instances/" + id
                + "?with_segmentations=true&with_form_annotations=1&with_model_segmentations=yes").json();
        assertThat(flagged.get("segmentations").isArray()).isTrue();
        assertThat(flagged.get("form_annotations").isArray()).isTrue();
        assertThat(flagged.get("model_segmentations").isArray()).isTrue();
    }

    @Test
    void studyDateIsUsedAndDefaultsWhenNull() throws IOException {
        Api client = admin();
        String project = unique("dates");
        long dated = importOk(client, request(project, "D1", "2021-02-03", png("dates", 20, 10), RIGHT_FUNDUS, CREATE_ALL));
        long undated = importOk(client, request(project, "D1", null, png("dates", 20, 10), RIGHT_FUNDUS, CREATE_ALL));

        assertThat(client.get("/api/instances/" + dated).json().get("study").get("date").asText())
                .isEqualTo("2021-02-03T00:00:00");
        assertThat(client.get("/api/instances/" + undated).json().get("study").get("date").asText())
                .isEqualTo("1970-01-01T00:00:00");

        Api.Response badDate = client.post("/api/import/image",
                request(project, "D1", "03-02-2021", png("dates", 20, 10), RIGHT_FUNDUS, CREATE_ALL));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"data\",\"study_date\"]");
    }

    @Test
    void reimportingTheSameFileIsRefusedNamingTheExistingImage() throws IOException {
        Api client = admin();
        String project = unique("dedupe");
        String image = png("dedupe", 30, 30);
        long id = importOk(client, request(project, "X", "2020-01-01", image, RIGHT_FUNDUS, CREATE_ALL));

        String error = importError(client, request(project, "X", "2020-01-01", image, RIGHT_FUNDUS, CREATE_ALL));
        assertThat(error).contains("ImageInstance " + id);
        // also through an absolute path inside the root
        assertThat(importError(client, request(project, "X", "2020-01-01", IMAGES_ROOT.resolve(image).toString(),
                RIGHT_FUNDUS, CREATE_ALL))).contains("ImageInstance " + id);
    }

    @Test
    void failuresExplainThemselvesAndWriteNothing() throws IOException {
        Api client = admin();
        String project = unique("strict");
        String image = png("strict", 10, 10);

        assertThat(importError(client, request(project, "A", "2020-01-01", image, RIGHT_FUNDUS, Map.of())))
                .isEqualTo("Project with name '" + project + "' not found and create_projects=False");
        assertThat(importError(client, request(project, "A", "2020-01-01", image,
                Map.of("Laterality", "R", "Foo", 1), CREATE_ALL)))
                .isEqualTo("'Foo' is an invalid keyword argument for ImageInstance");
        // the failed import above created no project
        assertThat(importError(client, request(project, "A", "2020-01-01", image, RIGHT_FUNDUS, Map.of())))
                .contains("not found and create_projects=False");
        assertThat(importError(client, request(project, "A", "2020-01-01", "strict/missing.png", RIGHT_FUNDUS,
                CREATE_ALL))).isEqualTo("File does not exist: strict/missing.png");
        assertThat(importError(client, request(project, "A", "2020-01-01", "../../etc/passwd", RIGHT_FUNDUS,
                CREATE_ALL))).contains("outside the images root");
        assertThat(importError(client, request(project, "A", "2020-01-01", image, Map.of("Modality", "ColorFundus"),
                CREATE_ALL))).contains("Laterality is required");
        assertThat(importError(client, request(project, "A", "2020-01-01", image,
                Map.of("Laterality", "X"), CREATE_ALL))).contains("ImageInstance.Laterality");
        assertThat(importError(client, request(project, "A", "2020-01-01", image,
                Map.of("Laterality", "L", "DeviceInstanceID", 999999), CREATE_ALL)))
                .isEqualTo("DeviceInstanceID 999999 does not exist");

        importOk(client, request(project, "A", "2020-01-01", image, RIGHT_FUNDUS, Map.of("create_project", true,
                "create_patients", true, "create_studies", true)));
        assertThat(importError(client, request(project, "B", "2020-01-01", png("strict", 10, 10), RIGHT_FUNDUS,
                Map.of()))).isEqualTo("Patient with identifier 'B' not found and create_patients=False");
        assertThat(importError(client, request(project, "A", "2020-01-02", png("strict", 10, 10), RIGHT_FUNDUS,
                Map.of()))).isEqualTo("Study with date '2020-01-02' for patient 'A' not found and create_studies=False");

        Api.Response missingData = client.post("/api/import/image", Map.of("options", Map.of()));
        assertThat(missingData.status()).isEqualTo(422);
    }

    @Test
    void nullPropsMeanEmptyAndSeriesAreFoundByIdOrUid() throws IOException {
        Api client = admin();
        String project = unique("series");
        Map<String, Object> withNulls = new HashMap<>(request(project, "S", "2022-06-01", png("series", 10, 10),
                RIGHT_FUNDUS, CREATE_ALL));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new HashMap<>((Map<String, Object>) withNulls.get("data"));
        data.put("patient_props", null);
        data.put("study_props", null);
        data.put("series_props", null);
        data.put("series_id", "1.2.840.99." + RUN);
        withNulls.put("data", data);
        long first = importOk(client, withNulls);
        long seriesId = client.get("/api/instances/" + first).json().get("series").get("id").asLong();

        data.put("image", png("series", 10, 10));
        long sameUid = importOk(client, withNulls);
        data.put("image", png("series", 10, 10));
        data.put("series_id", seriesId);
        long sameId = importOk(client, withNulls);

        assertThat(client.get("/api/instances/" + sameUid).json().get("series").get("id").asLong()).isEqualTo(seriesId);
        assertThat(client.get("/api/instances/" + sameId).json().get("series").get("id").asLong()).isEqualTo(seriesId);

        long studyId = client.get("/api/instances/" + first).json().get("study").get("id").asLong();
        JsonNode study = client.get("/api/studies/" + studyId).json();
        assertThat(study.get("date").asText()).isEqualTo("2022-06-01T00:00:00");
        assertThat(study.get("project").get("name").asText()).isEqualTo(project);
        assertThat(study.get("series")).hasSize(1);
        assertThat(study.get("series").get(0).get("series_instance_uid").asText()).isEqualTo("1.2.840.99." + RUN);
        assertThat(study.get("series").get(0).get("laterality").asText()).isEqualTo("R");
        assertThat(study.get("series").get(0).get("instance_ids").toString())
                .isEqualTo(List.of(first, sameUid, sameId).toString().replace(" ", ""));
        assertThat(study.get("tags").size()).isZero();
        assertThat(client.get("/api/studies/99999999").status()).isEqualTo(404);
        assertThat(client.get("/api/instances/99999999").detail()).isEqualTo("ImageInstance not found");
    }

    @Test
    void imagesAndStudiesCarryTagsAndEveryStepIsHistory() throws IOException {
        Api grader = newUser("tagger");
        String graderName = grader.get("/api/auth/me").json().get("username").asText();
        long id = importOk(admin(), request(unique("tagged"), "T", "2024-01-01", png("tagged", 10, 10), RIGHT_FUNDUS,
                CREATE_ALL));
        long imageTag = admin().post("/api/tags", Map.of("name", unique("good quality"), "tag_type", "ImageInstance",
                "description", "")).json().get("id").asLong();
        long studyTag = admin().post("/api/tags", Map.of("name", unique("follow-up"), "tag_type", "Study",
                "description", "")).json().get("id").asLong();

        Api.Response attached = grader.post("/api/instances/" + id + "/tags", Map.of("tag_id", imageTag, "comment", "sharp"));
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json().fieldNames()).toIterable().containsExactly("id", "name", "tagger", "date", "comment");
        assertThat(attached.json().get("tagger").get("name").asText()).isEqualTo(graderName);
        assertThat(attached.json().get("comment").asText()).isEqualTo("sharp");

        // idempotent: a second attach without comment keeps tagger, date and comment
        JsonNode again = admin().post("/api/instances/" + id + "/tags", Map.of("tag_id", imageTag)).json();
        assertThat(again.get("tagger").get("name").asText()).isEqualTo(graderName);
        assertThat(again.get("comment").asText()).isEqualTo("sharp");

        assertThat(grader.patch("/api/instances/" + id + "/tags/" + imageTag, Map.of("comment", "")).json()
                .get("comment").asText()).isEmpty();
        assertThat(grader.post("/api/instances/" + id + "/tags", Map.of("tag_id", studyTag)).detail())
                .isEqualTo("Tag type must be ImageInstance");
        assertThat(grader.post("/api/instances/" + id + "/tags", Map.of("tag_id", 99999999)).detail())
                .isEqualTo("Tag not found");
        assertThat(grader.post("/api/instances/99999999/tags", Map.of("tag_id", imageTag)).detail())
                .isEqualTo("ImageInstance not found");

        JsonNode withTags = grader.get("/api/instances/" + id + "?with_tag_metadata=true").json();
        assertThat(withTags.get("tags")).hasSize(1);
        assertThat(withTags.get("tags").get(0).get("id").asLong()).isEqualTo(imageTag);

        assertThat(grader.delete("/api/instances/" + id + "/tags/" + imageTag).status()).isEqualTo(204);
        assertThat(grader.delete("/api/instances/" + id + "/tags/" + imageTag).status()).isEqualTo(204);
        Api.Response noLink = grader.patch("/api/instances/" + id + "/tags/" + imageTag, Map.of("comment", "x"));
        assertThat(noLink.status()).isEqualTo(404);
        assertThat(noLink.detail()).isEqualTo("Link not found");

        long studyId = grader.get("/api/instances/" + id).json().get("study").get("id").asLong();
        assertThat(grader.post("/api/studies/" + studyId + "/tags", Map.of("tag_id", studyTag)).status()).isEqualTo(200);
        assertThat(grader.post("/api/studies/" + studyId + "/tags", Map.of("tag_id", imageTag)).detail())
                .isEqualTo("Tag type must be Study");
        assertThat(grader.get("/api/studies/" + studyId).json().get("tags").get(0).get("id").asLong()).isEqualTo(studyTag);

        JsonNode history = admin().get("/api/history/instance/" + id).json();
        assertThat(history.findValuesAsText("type"))
                .containsSubsequence("ImageImported", "TagAttached", "TagCommentChanged", "TagDetached");
        for (String type : List.of("project", "patient", "study", "series")) {
            long entityId = type.equals("project") ? withTags.get("project").get("id").asLong()
                    : type.equals("patient") ? withTags.get("patient").get("id").asLong()
                    : type.equals("study") ? studyId : withTags.get("series").get("id").asLong();
            Api.Response entityHistory = admin().get("/api/history/" + type + "/" + entityId);
            assertThat(entityHistory.status()).as(type).isEqualTo(200);
            assertThat(entityHistory.json().get(0).get("actor").get("name").asText()).isEqualTo(ADMIN);
        }
    }

    @Test
    void devicesAreRegisteredByAdminsListedInContractOrderAndShownOnImages() throws IOException {
        Api client = admin();
        String tag = RUN.toUpperCase();
        long zeiss = client.post("/api/devices", Map.of("manufacturer", "Zeiss " + tag, "model", "Cirrus")).json()
                .get("id").asLong();
        client.post("/api/devices", Map.of("manufacturer", "Topcon " + tag, "model", "Maestro"));
        client.post("/api/devices", Map.of("manufacturer", "Topcon " + tag, "model", "3D OCT-2000"));
        client.post("/api/devices", Map.of("manufacturer", "Canon " + tag, "model", "CR-2"));

        List<String> listed = new java.util.ArrayList<>();
        client.get("/api/devices").json().forEach(device -> {
            if (device.get("manufacturer").asText().endsWith(tag)) {
                listed.add(device.get("manufacturer").asText().split(" ")[0] + "/" + device.get("model").asText());
            }
        });
        assertThat(listed).containsExactly("Canon/CR-2", "Topcon/3D OCT-2000", "Topcon/Maestro", "Zeiss/Cirrus");

        Api.Response duplicate = client.post("/api/devices", Map.of("manufacturer", "Zeiss " + tag, "model", "Cirrus"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(newUser("not-admin").post("/api/devices", Map.of("manufacturer", "X", "model", "Y")).status())
                .isEqualTo(403);

        Api.Response instance = client.post("/api/devices/" + zeiss + "/instances",
                Map.of("description", "Room 3", "serial_number", "SN-1"));
        assertThat(instance.status()).as(instance.toString()).isEqualTo(200);
        long deviceInstanceId = instance.json().get("id").asLong();
        assertThat(client.post("/api/devices/" + zeiss + "/instances", Map.of("description", "Room 3")).status())
                .isEqualTo(409);
        assertThat(client.post("/api/devices/99999999/instances", Map.of("description", "x")).status()).isEqualTo(404);

        long image = importOk(client, request(unique("devices"), "D", "2024-05-05", png("devices", 16, 16),
                Map.of("Laterality", "L", "DeviceInstanceID", deviceInstanceId), CREATE_ALL));
        assertThat(client.get("/api/instances/" + image).json().get("device").toString())
                .isEqualTo("{\"manufacturer\":\"Zeiss " + tag + "\",\"model\":\"Cirrus\"}");
    }
}
