package dev.macula.api.dicom;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What the import takes from a DICOM header (docs/api.md §5.3, issue 17). Every field may be null
 * when the file does not carry it or carries something that does not parse (a bad date, a
 * non-numeric spacing): a header value is a hint, never a reason to refuse the import.
 *
 * <p>Resolutions follow the platform's meaning (mm per pixel): for an OCT volume ({@code OPT}) rows
 * are depth, so {@code resolutionAxial} = PixelSpacing[0] (row spacing), {@code resolutionHorizontal}
 * = PixelSpacing[1] (column spacing) and {@code resolutionVertical} = the distance between B-scans
 * (SpacingBetweenSlices, else SliceThickness). For 2-D images {@code resolutionVertical} =
 * PixelSpacing[0] and {@code resolutionHorizontal} = PixelSpacing[1]. Enhanced objects take
 * PixelSpacing/SliceThickness/SpacingBetweenSlices from the Pixel Measures macro in the shared
 * functional groups, else from the first frame's per-frame functional groups.
 */
public record DicomHeader(
        String transferSyntaxUid,
        String sopClassUid,
        String sopInstanceUid,
        String modality,
        String photometricInterpretation,
        Integer samplesPerPixel,
        Integer rows,
        Integer columns,
        Integer frames,
        Integer bitsAllocated,
        Integer bitsStored,
        /** "L" or "R": ImageLaterality (0020,0062), else Laterality (0020,0060); anything else null. */
        String laterality,
        LocalDateTime acquisitionDateTime,
        Double resolutionAxial,
        Double resolutionHorizontal,
        Double resolutionVertical,
        Double sliceThickness,
        /** HorizontalFieldOfView (0022,000C), degrees. */
        Double horizontalFieldOfView,
        String patientId,
        LocalDate patientBirthDate,
        /** "M" or "F"; other values ("O") null. */
        String patientSex,
        LocalDate studyDate,
        String studyDescription,
        String studyInstanceUid,
        String seriesInstanceUid,
        Integer seriesNumber,
        String manufacturer,
        String manufacturerModelName) {
}
