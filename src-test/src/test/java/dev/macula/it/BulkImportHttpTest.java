package dev.macula.it;

import dev.macula.tools.importer.BulkImport;
import dev.macula.tools.synthetic.SyntheticDicom;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./macula import} against the running application: folder import, resume, no duplicates. */
class BulkImportHttpTest extends HttpTestBase {

    @Test
    void importsAFolderAndResumesWithoutDuplicates() throws Exception {
        String project = unique("bulk");
        Path folder = IMAGES_ROOT.resolve(project);
        for (String patient : new String[]{"P1", "P2", "P3"}) {
            for (String eye : new String[]{"OD", "OS"}) {
                Path file = Files.createDirectories(folder.resolve(patient).resolve("2024-02-0" + patient.charAt(1)))
                        .resolve("fundus_" + eye + ".png");
                Files.move(IMAGES_ROOT.resolve(ImagingHttpTest.png("bulk-source", 64, 48)), file);
            }
        }
        Files.createDirectories(folder.resolve("P4"));
        Files.move(IMAGES_ROOT.resolve(ImagingHttpTest.png("bulk-source", 64, 48)), folder.resolve("P4/unnamed.png"));

        Path password = Files.createTempFile("pw", ".txt");
        Files.writeString(password, ADMIN_PASSWORD);
        Path journal = Files.createTempDirectory("journal").resolve("import.journal");
        Map<String, String> options = new HashMap<>(Map.of("--url", "http://127.0.0.1:" + port,
                "--images-root", IMAGES_ROOT.toString(), "--username", ADMIN, "--password-file", password.toString(),
                "--journal", journal.toString(), "--workers", "3"));

        BulkImport.Result first = BulkImport.execute(folder, options);
        assertThat(first.imported()).isEqualTo(6);
        assertThat(first.failed()).isEqualTo(1); // P4/unnamed.png: laterality unknown
        assertThat(Files.readAllLines(journal)).hasSize(6);

        // run again: the journal skips everything that is done
        BulkImport.Result again = BulkImport.execute(folder, options);
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(6);

        // even without the journal, the server's de-duplication prevents doubles
        Files.delete(journal);
        BulkImport.Result fresh = BulkImport.execute(folder, options);
        assertThat(fresh.imported()).isZero();
        assertThat(fresh.skipped()).isEqualTo(6);

        // one project, three patients, each with one dated study holding both eyes
        String firstImage = Files.readAllLines(journal).get(0).split("\t")[2];
        var instance = admin().get("/api/instances/" + firstImage).json();
        assertThat(instance.get("project").get("name").asText()).isEqualTo(project);
        var study = admin().get("/api/studies/" + instance.get("study").get("id").asLong()).json();
        assertThat(study.get("series").findValues("instance_ids").stream().mapToInt(n -> n.size()).sum()).isEqualTo(2);
        assertThat(study.get("date").asText()).startsWith("2024-02-0");
    }

    /**
     * A device export (issue 17): DICOM files in whatever layout the device wrote, some without an
     * extension, no manifest — patients, studies and series come from the headers.
     */
    @Test
    void importsADicomExportWithoutLayoutOrManifest() throws Exception {
        String project = unique("export");
        Path folder = Files.createDirectories(IMAGES_ROOT.resolve(project).resolve("DICOM/0001"));
        long uid = System.nanoTime();
        String[] patients = {unique("A"), unique("B")};
        for (int p = 0; p < 2; p++) {
            var subject = new SyntheticDicom.Subject(patients[p], "19700101", "F", "2023050" + (p + 1),
                    SyntheticDicom.uid(uid, p), SyntheticDicom.uid(uid, p, 1), p == 0 ? "L" : "R");
            for (int i = 0; i < 3; i++) {
                SyntheticDicom.writeOct(folder.resolve("IM%d%03d".formatted(p, i)), subject,
                        SyntheticDicom.uid(uid, p, 1, i), 2, 32, 40, i);
            }
        }

        Path password = Files.createTempFile("pw", ".txt");
        Files.writeString(password, ADMIN_PASSWORD);
        Path journal = Files.createTempDirectory("journal").resolve("import.journal");
        Map<String, String> options = new HashMap<>(Map.of("--url", "http://127.0.0.1:" + port,
                "--images-root", IMAGES_ROOT.toString(), "--username", ADMIN, "--password-file", password.toString(),
                "--journal", journal.toString(), "--project", project));
        BulkImport.Result result = BulkImport.execute(IMAGES_ROOT.resolve(project), options);
        assertThat(result.imported()).isEqualTo(6);
        assertThat(result.failed()).isZero();

        Set<Long> series = new HashSet<>();
        Map<String, String> lateralityOfPatient = new HashMap<>();
        List<String> lines = Files.readAllLines(journal);
        for (String line : lines) {
            var instance = admin().get("/api/instances/" + line.split("\t")[2]).json();
            series.add(instance.get("series").get("id").asLong());
            lateralityOfPatient.put(instance.get("patient").get("identifier").asText(),
                    instance.get("laterality").asText());
            assertThat(instance.get("modality").asText()).isEqualTo("OCT");
            assertThat(instance.get("project").get("name").asText()).isEqualTo(project);
        }
        assertThat(lines).hasSize(6);
        assertThat(series).as("one series per SeriesInstanceUID").hasSize(2);
        assertThat(lateralityOfPatient).containsEntry(patients[0], "L").containsEntry(patients[1], "R");
    }
}
