package dev.macula.it;

import dev.macula.tools.importer.BulkImport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
}
