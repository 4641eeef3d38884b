package dev.macula.command.imaging;

import dev.macula.api.dicom.DicomFiles;
import dev.macula.api.dicom.DicomHeader;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;
import dev.macula.api.imaging.ImagingEnums.Sex;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * What an image file says about itself, in the platform's types: the header of a DICOM file, nothing
 * for other formats (every value null). The import takes these values only where the request leaves
 * a field out; a value that does not fit the column (a UID longer than 64 characters, an unknown
 * modality) is dropped rather than failing the import, because a header is a hint, not a request.
 */
record FileHeader(DicomHeader dicom) {

    private static final Set<String> COLOUR = Set.of("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT",
            "YBR_PARTIAL_420", "PALETTE COLOR");

    /** The header of a file that is not DICOM, or whose header cannot be read: every value null. */
    private static final DicomHeader NONE = new DicomHeader(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);

    FileHeader {
        dicom = dicom == null ? NONE : dicom;
    }

    static FileHeader of(Path file) {
        return new FileHeader(DicomFiles.header(file).orElse(null));
    }

    /**
     * The request with the file's patient identifier, study date and series UID where the request
     * gives none; the study date falls back to {@code defaultStudyDate} (docs/api.md §5.3) last.
     */
    ImportRequest complete(ImportRequest request, LocalDate defaultStudyDate) {
        String patient = request.patientIdentifier() != null ? request.patientIdentifier()
                : fitting(dicom.patientId(), 255);
        LocalDate studyDate = request.studyDate() != null ? request.studyDate()
                : dicom.studyDate() != null ? dicom.studyDate() : defaultStudyDate;
        String series = request.seriesId() != null ? request.seriesId() : seriesInstanceUid();
        return new ImportRequest(request.projectName(), patient, request.patientProps(), studyDate,
                request.studyProps(), series, request.seriesProps(), request.image(), request.imageProps(),
                request.createPatients(), request.createStudies(), request.createSeries(), request.createProject(),
                request.includeStackTrace());
    }

    LocalDate birthDate() {
        return dicom.patientBirthDate();
    }

    Sex sex() {
        return constant(Sex.class, dicom.patientSex());
    }

    String studyDescription() {
        return fitting(dicom.studyDescription(), 64);
    }

    String seriesInstanceUid() {
        return fitting(dicom.seriesInstanceUid(), 64);
    }

    String studyInstanceUid() {
        return fitting(dicom.studyInstanceUid(), 64);
    }

    Integer seriesNumber() {
        return dicom.seriesNumber();
    }

    Laterality laterality() {
        return constant(Laterality.class, dicom.laterality());
    }

    ModalityType dicomModality() {
        return constant(ModalityType.class, dicom.modality());
    }

    /**
     * The platform's modality where the header settles it: an {@code OPT} object is an OCT, an
     * {@code OP} colour photo a colour fundus. A grey {@code OP} photo may be red-free, infrared,
     * autofluorescence or an angiogram, so it is left to the request.
     */
    Modality modality() {
        ModalityType type = dicomModality();
        if (type == ModalityType.OPT) {
            return Modality.OCT;
        }
        if (type == ModalityType.OP && dicom.photometricInterpretation() != null
                && COLOUR.contains(dicom.photometricInterpretation())) {
            return Modality.ColorFundus;
        }
        return null;
    }

    String sopInstanceUid() {
        return fitting(dicom.sopInstanceUid(), 64);
    }

    String sopClassUid() {
        return fitting(dicom.sopClassUid(), 64);
    }

    String photometricInterpretation() {
        return fitting(dicom.photometricInterpretation(), 64);
    }

    Integer samplesPerPixel() {
        return dicom.samplesPerPixel();
    }

    Integer rows() {
        return positive(dicom.rows());
    }

    Integer columns() {
        return positive(dicom.columns());
    }

    Integer frames() {
        return positive(dicom.frames());
    }

    Double sliceThickness() {
        return dicom.sliceThickness();
    }

    Double resolutionAxial() {
        return dicom.resolutionAxial();
    }

    Double resolutionHorizontal() {
        return dicom.resolutionHorizontal();
    }

    Double resolutionVertical() {
        return dicom.resolutionVertical();
    }

    Double horizontalFieldOfView() {
        return dicom.horizontalFieldOfView();
    }

    LocalDateTime acquisitionDateTime() {
        return dicom.acquisitionDateTime();
    }

    private static String fitting(String value, int maxLength) {
        return value == null || value.isBlank() || value.length() > maxLength ? null : value;
    }

    private static Integer positive(Integer value) {
        return value != null && value > 0 ? value : null;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equals(name.strip())) {
                return candidate;
            }
        }
        return null;
    }
}
