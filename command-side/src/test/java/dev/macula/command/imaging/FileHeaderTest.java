package dev.macula.command.imaging;

import dev.macula.api.dicom.DicomHeader;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;
import dev.macula.api.imaging.ImagingEnums.Sex;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FileHeaderTest {

    private static final LocalDate DEFAULT_DATE = LocalDate.of(1970, 1, 1);

    private static DicomHeader header(String modality, String photometric, String patientId, LocalDate studyDate,
                                      String seriesUid, String laterality, String sex) {
        return new DicomHeader("1.2.840.10008.1.2.1", "1.2.3", "1.2.3.4", modality, photometric, 1, 496, 512, 128,
                8, 8, laterality, null, 0.0039, 0.0117, 0.047, 0.047, 30.0, patientId, LocalDate.of(1950, 2, 3), sex,
                studyDate, "Macula cube", "1.2.3.5", seriesUid, 4, "Maker", "Model");
    }

    private static ImportRequest request(String patient, LocalDate studyDate, String series) {
        return new ImportRequest("P", patient, null, studyDate, null, series, null, "a.dcm", null, true, true, true,
                true, false);
    }

    @Test
    void theHeaderFillsWhatTheRequestLeavesOutAndTheRequestWins() {
        FileHeader file = new FileHeader(header("OPT", "MONOCHROME2", "PAT1", LocalDate.of(2024, 3, 15), "1.2.9",
                "R", "F"));

        ImportRequest fromFile = file.complete(request(null, null, null), DEFAULT_DATE);
        assertThat(fromFile.patientIdentifier()).isEqualTo("PAT1");
        assertThat(fromFile.studyDate()).isEqualTo(LocalDate.of(2024, 3, 15));
        assertThat(fromFile.seriesId()).as("files of one series find the same series").isEqualTo("1.2.9");

        ImportRequest given = file.complete(request("mine", LocalDate.of(2020, 1, 2), "7"), DEFAULT_DATE);
        assertThat(given.patientIdentifier()).isEqualTo("mine");
        assertThat(given.studyDate()).isEqualTo(LocalDate.of(2020, 1, 2));
        assertThat(given.seriesId()).isEqualTo("7");
    }

    @Test
    void aFileWithoutAHeaderLeavesTheRequestAsItWasWithTheDefaultStudyDate() {
        FileHeader none = new FileHeader(null);
        ImportRequest completed = none.complete(request(null, null, null), DEFAULT_DATE);
        assertThat(completed.patientIdentifier()).isNull();
        assertThat(completed.studyDate()).isEqualTo(DEFAULT_DATE);
        assertThat(none.laterality()).isNull();
        assertThat(none.modality()).isNull();
        assertThat(none.rows()).isNull();
    }

    @Test
    void modalityIsSettledOnlyWhereTheHeaderSettlesIt() {
        assertThat(new FileHeader(header("OPT", "MONOCHROME2", "p", null, null, "L", "M")).modality())
                .isEqualTo(Modality.OCT);
        assertThat(new FileHeader(header("OP", "YBR_FULL_422", "p", null, null, "L", "M")).modality())
                .isEqualTo(Modality.ColorFundus);
        assertThat(new FileHeader(header("OP", "RGB", "p", null, null, "L", "M")).modality())
                .isEqualTo(Modality.ColorFundus);
        assertThat(new FileHeader(header("OP", "MONOCHROME2", "p", null, null, "L", "M")).modality())
                .as("a grey photo may be red-free, infrared or an angiogram").isNull();
        assertThat(new FileHeader(header("XA", "MONOCHROME2", "p", null, null, "L", "M")).dicomModality()).isNull();
        assertThat(new FileHeader(header("OP", "RGB", "p", null, null, "L", "M")).dicomModality())
                .isEqualTo(ModalityType.OP);
    }

    @Test
    void valuesThatDoNotFitAreDroppedNotRefused() {
        String longUid = "1." + "2".repeat(70);
        FileHeader file = new FileHeader(header("OPT", "MONOCHROME2", " ", null, longUid, "B", "O"));
        assertThat(file.seriesInstanceUid()).isNull();
        assertThat(file.laterality()).as("'B' (both) is no laterality of one image").isNull();
        assertThat(file.sex()).isNull();
        assertThat(file.complete(request(null, null, null), DEFAULT_DATE).patientIdentifier()).isNull();
        FileHeader plain = new FileHeader(header("OPT", "MONOCHROME2", "p", null, null, "R", "M"));
        assertThat(plain.laterality()).isEqualTo(Laterality.R);
        assertThat(plain.sex()).isEqualTo(Sex.M);
        assertThat(plain.studyDescription()).isEqualTo("Macula cube");
        assertThat(plain.resolutionVertical()).isEqualTo(0.047);
    }
}
