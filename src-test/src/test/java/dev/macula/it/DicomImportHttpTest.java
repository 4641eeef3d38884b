package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.synthetic.FundusPhotos;
import dev.macula.tools.synthetic.SyntheticDicom;
import dev.macula.tools.synthetic.SyntheticDicom.Subject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DICOM files import with what their headers say (issue 17): an OCT volume and a fundus photo
 * arrive with patient, study, series and image metadata from the header alone; request values win
 * over the header; files of one series land in one series; thumbnails are the en-face projection of
 * a volume and the cropped fundus of a colour photo; a file the reader refuses (JPEG-LS) still
 * imports and its thumbnail records why it failed. The fundus photo and the JPEG-LS file are made by
 * dcmtk ({@code img2dcm}, {@code dcmcjpls}), not by us.
 */
class DicomImportHttpTest extends HttpTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicLong UIDS = new AtomicLong(System.nanoTime());

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOctVolumeImportsWithItsHeaderAloneAndGetsAnEnFaceThumbnail() throws Exception {
        Api client = admin();
        String patient = unique("PAT");
        Subject subject = subject(patient, "R");
        String first = oct(subject, 24, 128, 160);
        String second = oct(subject, 12, 128, 160);

        long id = importOk(client, bare(unique("dicom"), first));
        JsonNode instance = client.get("/api/instances/" + id).json();
        assertThat(instance.get("rows").asInt()).isEqualTo(128);
        assertThat(instance.get("columns").asInt()).isEqualTo(160);
        assertThat(instance.get("nr_of_frames").asInt()).isEqualTo(24);
        assertThat(instance.get("dicom_modality").asText()).isEqualTo("OPT");
        assertThat(instance.get("modality").asText()).isEqualTo("OCT");
        assertThat(instance.get("laterality").asText()).isEqualTo("R");
        assertThat(instance.get("sop_instance_uid").asText()).startsWith("1.2.826.0.1.3680043.10.1505.");
        assertThat(instance.get("resolution_axial").asDouble()).isCloseTo(2.0 / 128, within());
        assertThat(instance.get("resolution_horizontal").asDouble()).isCloseTo(6.0 / 160, within());
        assertThat(instance.get("resolution_vertical").asDouble()).isCloseTo(6.0 / 24, within());
        assertThat(instance.get("patient").get("identifier").asText()).isEqualTo(patient);
        assertThat(instance.get("patient").get("birth_date").asText()).isEqualTo("1961-07-14");
        assertThat(instance.get("study").get("date").asText()).startsWith("2024-03-15");

        Map<String, Object> row = jdbc.queryForMap("""
                select p.sex, st.description, se.series_instance_uid, se.study_instance_uid, se.series_number,
                       i.sop_class_uid, i.photometric_interpretation, i.samples_per_pixel, i.acquisition_date_time,
                       i.slice_thickness
                from image_instance i join series se on se.id = i.series_id join study st on st.id = se.study_id
                join patient p on p.id = st.patient_id where i.id = ?""", id);
        assertThat(row.get("sex")).isEqualTo("F");
        assertThat(row.get("description")).isEqualTo("Macular cube 6x6");
        assertThat(row.get("series_instance_uid")).isEqualTo(subject.seriesUid());
        assertThat(row.get("study_instance_uid")).isEqualTo(subject.studyUid());
        assertThat(row.get("series_number")).isEqualTo(1);
        assertThat(row.get("sop_class_uid")).isEqualTo(SyntheticDicom.OCT_STORAGE);
        assertThat(row.get("photometric_interpretation")).isEqualTo("MONOCHROME2");
        assertThat(row.get("samples_per_pixel")).isEqualTo(1);
        assertThat(row.get("acquisition_date_time").toString()).startsWith("2024-03-15 10:15:30.25");

        long secondId = importOk(client, bare(unique("dicom"), second).withProject(projectOf(instance)));
        JsonNode secondInstance = client.get("/api/instances/" + secondId).json();
        assertThat(secondInstance.get("series").get("id").asLong())
                .as("files of one series land in one series").isEqualTo(instance.get("series").get("id").asLong());
        assertThat(secondInstance.get("patient").get("id").asLong()).isEqualTo(instance.get("patient").get("id").asLong());

        // 24 B-scans 0.25 mm apart, 160 columns 0.0375 mm apart: the en-face picture is 24 × 160 pixels
        // covering 6 × 6 mm, so its thumbnail is square (never scaled up: 160 × 160)
        BufferedImage enFace = thumbnail(client, id, 540);
        assertThat(enFace.getWidth()).isEqualTo(160);
        assertThat(enFace.getHeight()).isEqualTo(160);
        // the foveal pit (deepest in the middle B-scan, middle column) makes the centre darker than the edges
        assertThat(grey(enFace, 80, 80)).isLessThan(grey(enFace, 80, 5));
        // 12 B-scans are still 10 or more: an en-face projection too, square for the same 6 × 6 mm
        assertThat(thumbnail(client, secondId, 540).getWidth()).isEqualTo(160);
    }

    @Test
    void requestValuesWinOverTheHeader() throws Exception {
        Api client = admin();
        String file = oct(subject(unique("PAT"), "R"), 3, 64, 80);
        Request request = bare(unique("dicom"), file);
        request.data.put("patient_identifier", "given-patient");
        request.data.put("study_date", "2020-01-02");
        request.data.put("image_props", Map.of("Laterality", "L", "Rows_y", 64, "Modality", "OCTA"));
        long id = importOk(client, request);
        JsonNode instance = client.get("/api/instances/" + id).json();
        assertThat(instance.get("patient").get("identifier").asText()).isEqualTo("given-patient");
        assertThat(instance.get("study").get("date").asText()).startsWith("2020-01-02");
        assertThat(instance.get("laterality").asText()).isEqualTo("L");
        assertThat(instance.get("modality").asText()).isEqualTo("OCTA");
        assertThat(instance.get("nr_of_frames").asInt()).isEqualTo(3);
        // fewer than 10 frames: the middle B-scan, 80 × 64
        BufferedImage middle = thumbnail(client, id, 540);
        assertThat(middle.getWidth()).isEqualTo(80);
        assertThat(middle.getHeight()).isEqualTo(64);
    }

    @Test
    void aFundusPhotoMadeByDcmtkImportsAsColourFundusWithACroppedThumbnail() throws Exception {
        Path folder = Files.createDirectories(IMAGES_ROOT.resolve("dicom-fundus"));
        Path jpeg = folder.resolve(unique("photo") + ".jpg");
        ImageIO.write(FundusPhotos.fundusLike(800, 600, new Random(5)), "jpeg", jpeg.toFile());
        Path dicom = folder.resolve(unique("photo") + ".dcm");
        String patient = unique("PAT");
        run("img2dcm", jpeg.toString(), dicom.toString(), "-k", "Modality=OP", "-k", "PatientID=" + patient,
                "-k", "StudyDate=20230405", "-k", "ImageLaterality=L", "-k", "PatientSex=M");

        Api client = admin();
        long id = importOk(client, bare(unique("dicom"), IMAGES_ROOT.relativize(dicom).toString()));
        JsonNode instance = client.get("/api/instances/" + id).json();
        assertThat(instance.get("modality").asText()).isEqualTo("ColorFundus");
        assertThat(instance.get("dicom_modality").asText()).isEqualTo("OP");
        assertThat(instance.get("laterality").asText()).isEqualTo("L");
        assertThat(instance.get("rows").asInt()).isEqualTo(600);
        assertThat(instance.get("columns").asInt()).isEqualTo(800);
        assertThat(instance.get("patient").get("identifier").asText()).isEqualTo(patient);
        assertThat(instance.get("study").get("date").asText()).startsWith("2023-04-05");

        BufferedImage large = thumbnail(client, id, 540);
        assertThat(large.getWidth()).as("the 4:3 photo is cropped to the square around the fundus")
                .isEqualTo(large.getHeight());
        int centre = large.getRGB(large.getWidth() / 2, large.getHeight() / 2);
        assertThat((centre >> 16) & 0xff).as("the fundus is reddish in the middle").isGreaterThan(100);
    }

    @Test
    void aJpegLsFileImportsAndItsThumbnailRecordsWhy() throws Exception {
        Subject subject = subject(unique("PAT"), "L");
        Path folder = Files.createDirectories(IMAGES_ROOT.resolve("dicom-jpegls"));
        Path jpegLs = folder.resolve(unique("ls") + ".dcm");
        Path raw = folder.resolve(unique("raw") + ".dcm");
        run("dcmdjpeg", IMAGES_ROOT.resolve(oct(subject, 2, 64, 64)).toString(), raw.toString());
        run("dcmcjpls", raw.toString(), jpegLs.toString());

        Api client = admin();
        long id = importOk(client, bare(unique("dicom"), IMAGES_ROOT.relativize(jpegLs).toString()));
        assertThat(client.get("/api/instances/" + id).json().get("nr_of_frames").asInt()).isEqualTo(2);
        JsonNode failure = await(() -> failureEvent(id), found -> found != null);
        assertThat(failure.toString()).contains("JPEG-LS");
        assertThat(client.get("/api/instances/" + id).json().get("thumbnail_path").asText()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode failureEvent(long id) {
        for (JsonNode event : admin().get("/api/history/instance/" + id).json()) {
            if (event.path("type").asText().equals("ThumbnailsFailed")) {
                return event;
            }
        }
        return null;
    }

    private static Subject subject(String patient, String laterality) {
        long n = UIDS.incrementAndGet();
        return new Subject(patient, "19610714", "F", "20240315", SyntheticDicom.uid(n), SyntheticDicom.uid(n, 1),
                laterality);
    }

    /** A generated OCT volume below the images root; returns its path relative to the root. */
    private static String oct(Subject subject, int frames, int rows, int columns) throws IOException {
        Path folder = Files.createDirectories(IMAGES_ROOT.resolve("dicom-oct"));
        Path file = folder.resolve(unique("oct") + ".dcm");
        SyntheticDicom.writeOct(file, subject, SyntheticDicom.uid(UIDS.incrementAndGet(), 9), frames, rows, columns,
                frames * 31L + rows);
        return IMAGES_ROOT.relativize(file).toString();
    }

    /** A request with only what a DICOM import needs: a project and the file. */
    private static Request bare(String project, String image) {
        Request request = new Request();
        request.data.put("project_name", project);
        request.data.put("image", image);
        return request;
    }

    private static String projectOf(JsonNode instance) {
        return instance.get("project").get("name").asText();
    }

    private long importOk(Api client, Request request) {
        Api.Response response = client.post("/api/import/image", Map.of("data", request.data, "options",
                Map.of("create_project", true, "create_patients", true, "create_studies", true)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("success").asBoolean()).as(response.toString()).isTrue();
        return response.json().get("data").get("image_ids").get(0).asLong();
    }

    private BufferedImage thumbnail(Api client, long id, int size) throws Exception {
        JsonNode instance = await(() -> client.get("/api/instances/" + id).json(),
                i -> !i.get("thumbnail_path").asText().isEmpty());
        return ImageIO.read(THUMBNAILS_ROOT.resolve(instance.get("thumbnail_path").asText() + "_" + size + ".jpg")
                .toFile());
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private static <T> T await(java.util.function.Supplier<T> probe, Predicate<T> until) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value;
        do {
            value = probe.get();
            if (until.test(value)) {
                return value;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no convergence within " + PATIENCE + ": " + value);
    }

    /** Runs one of dcmtk's tools; .ci/run installs them (apt-get install dcmtk). */
    static void run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError(command[0] + " is missing: apt-get install dcmtk libgdcm-tools", missing);
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    /** The {@code data} part of an import request. */
    private static final class Request {

        final Map<String, Object> data = new HashMap<>();

        Request withProject(String project) {
            data.put("project_name", project);
            return this;
        }
    }
}
