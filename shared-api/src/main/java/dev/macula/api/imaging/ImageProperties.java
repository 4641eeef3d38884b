package dev.macula.api.imaging;

import dev.macula.api.imaging.ImagingEnums.EtdrsField;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;

import java.time.LocalDateTime;

/**
 * The recorded facts about one image (the original's ImageInstance columns that an import sets).
 * Dimensions read from the file when the import did not give them.
 */
public record ImageProperties(
        Laterality laterality,
        Modality modality,
        ModalityType dicomModality,
        EtdrsField etdrsField,
        String sopInstanceUid,
        String sopClassUid,
        String photometricInterpretation,
        Integer samplesPerPixel,
        Integer rows,
        Integer columns,
        Integer nrOfFrames,
        Double sliceThickness,
        Double resolutionAxial,
        Double resolutionHorizontal,
        Double resolutionVertical,
        Double horizontalFieldOfView,
        Integer anatomicRegion,
        Integer angiography,
        LocalDateTime acquisitionDateTime,
        Boolean pupilDilated,
        Long sourceInfoId,
        Long deviceInstanceId,
        Long modalityId,
        Long scanId,
        String oldPath,
        Integer fdaIdentifier,
        String altDatasetIdentifier) {
}
