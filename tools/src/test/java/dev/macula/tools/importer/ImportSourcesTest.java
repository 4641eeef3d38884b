package dev.macula.tools.importer;

import dev.macula.tools.synthetic.SyntheticDicom;
import dev.macula.tools.synthetic.SyntheticDicom.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportSourcesTest {

    @TempDir
    Path root;

    @Test
    void lateralityComesFromTheFileNameWhenItIsUnambiguous() {
        assertThat(ImportSources.lateralityOf("img_0001_OD.jpg")).isEqualTo("R");
        assertThat(ImportSources.lateralityOf("img-os-2.png")).isEqualTo("L");
        assertThat(ImportSources.lateralityOf("P12_R.tif")).isEqualTo("R");
        assertThat(ImportSources.lateralityOf("left eye.png")).isEqualTo("L");
        assertThat(ImportSources.lateralityOf("photos.png")).isNull();  // "os" inside a word is no laterality
        assertThat(ImportSources.lateralityOf("scan.png")).isNull();
        assertThat(ImportSources.lateralityOf("od_and_os.png")).isNull(); // both: ambiguous
    }

    @Test
    void folderGivesOnePatientPerSubFolderAndDatesFromDateFolders() throws IOException {
        Path study = root.resolve("cohort");
        touch(study.resolve("P1/2023-05-15/a_OD.png"));
        touch(study.resolve("P1/b_OS.jpg"));
        touch(study.resolve("P2/c.png"));
        touch(study.resolve("P2/notes.txt"));
        touch(study.resolve("loose_OD.png"));

        List<ImportItem> items = ImportSources.folder(study, root,
                new ImportSources.FolderDefaults("Cohort", "ColorFundus", null, null));

        assertThat(items).extracting(ImportItem::image).containsExactly(
                "cohort/P1/2023-05-15/a_OD.png", "cohort/P1/b_OS.jpg", "cohort/P2/c.png", "cohort/loose_OD.png");
        ImportItem dated = items.get(0);
        assertThat(dated.patientIdentifier()).isEqualTo("P1");
        assertThat(dated.studyDate()).isEqualTo("2023-05-15");
        assertThat(dated.imageProps()).containsEntry("Laterality", "R").containsEntry("Modality", "ColorFundus");
        assertThat(items.get(1).studyDate()).isNull();
        assertThat(items.get(1).imageProps()).containsEntry("Laterality", "L");
        assertThat(items.get(2).problem()).contains("laterality unknown");
        assertThat(items.get(3).problem()).contains("not in a patient folder");
    }

    @Test
    void dicomFilesNeedNoFolderLayoutTheirHeadersSpeak() throws IOException {
        Path export = root.resolve("device-export");
        Subject known = new Subject("PAT7", "19600101", "M", "20240102", SyntheticDicom.uid(7), SyntheticDicom.uid(7, 1),
                "L");
        Subject anonymous = new Subject("", "", "", "", SyntheticDicom.uid(8), SyntheticDicom.uid(8, 1), "");
        Files.createDirectories(export.resolve("P9/2021-06-07"));
        SyntheticDicom.writeOct(export.resolve("IM000001"), known, SyntheticDicom.uid(7, 1, 1), 2, 32, 32, 1);
        SyntheticDicom.writeOct(export.resolve("P9/2021-06-07/scan_OD.dcm"), anonymous, SyntheticDicom.uid(8, 1, 1),
                2, 32, 32, 2);
        SyntheticDicom.writeOct(export.resolve("loose.dcm"), anonymous, SyntheticDicom.uid(8, 1, 2), 2, 32, 32, 3);
        touch(export.resolve("DICOMDIR.txt"));

        List<ImportItem> items = ImportSources.folder(export, root,
                new ImportSources.FolderDefaults("Export", null, null, "2000-01-01"));

        assertThat(items).extracting(ImportItem::image).containsExactly(
                "device-export/IM000001", "device-export/P9/2021-06-07/scan_OD.dcm", "device-export/loose.dcm");
        ImportItem fromHeader = items.get(0);
        assertThat(fromHeader.problem()).isNull();
        assertThat(fromHeader.patientIdentifier()).as("the platform reads PatientID itself").isNull();
        assertThat(fromHeader.studyDate()).isNull();
        assertThat(fromHeader.imageProps()).as("laterality and modality come from the header").isEmpty();
        ImportItem fromFolder = items.get(1);
        assertThat(fromFolder.patientIdentifier()).isEqualTo("P9");
        assertThat(fromFolder.studyDate()).isEqualTo("2021-06-07");
        assertThat(fromFolder.imageProps()).containsExactly(java.util.Map.entry("Laterality", "R"));
        assertThat(items.get(2).problem()).contains("no PatientID in the DICOM header");
    }

    @Test
    void manifestColumnsMirrorTheRequest() throws IOException {
        Path csv = root.resolve("manifest.csv");
        Files.writeString(csv, """
                project_name,patient_identifier,study_date,image,Laterality,Modality,BirthDate,StudyDescription,SeriesNumber
                Rotterdam,P1,2020-01-02,a.png,R,ColorFundus,1950-03-04,"visit, first",3
                Rotterdam,P2,,"b ""quoted"".png",L,,,,
                """);

        List<ImportItem> items = ImportSources.manifest(csv);

        assertThat(items).hasSize(2);
        ImportItem first = items.get(0);
        assertThat(first.projectName()).isEqualTo("Rotterdam");
        assertThat(first.studyDate()).isEqualTo("2020-01-02");
        assertThat(first.patientProps()).containsEntry("BirthDate", "1950-03-04");
        assertThat(first.studyProps()).containsEntry("StudyDescription", "visit, first");
        assertThat(first.seriesProps()).containsEntry("SeriesNumber", "3");
        assertThat(first.imageProps()).containsEntry("Laterality", "R").containsEntry("Modality", "ColorFundus");
        assertThat(items.get(1).image()).isEqualTo("b \"quoted\".png");
        assertThat(items.get(1).studyDate()).isNull();
        assertThat(items.get(1).imageProps()).containsOnlyKeys("Laterality");
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[]{1});
    }
}
