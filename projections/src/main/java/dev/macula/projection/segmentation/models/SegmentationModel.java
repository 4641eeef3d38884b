package dev.macula.projection.segmentation.models;

import dev.macula.api.voxels.NdArray;

import java.awt.image.BufferedImage;

/**
 * An algorithm that turns an image into a mask. Classical algorithms implement it directly; learned
 * models (e.g. ONNX) can implement it later. The result is a {@code (1, H, W)} array in the model's
 * data type, stored as a model segmentation.
 */
public interface SegmentationModel {

    /** The original's Model.ModelName. */
    String name();

    /** The original's Model.Version. */
    String version();

    /** Name of the feature the model segments (its SegmentationModel.FeatureID). */
    String featureName();

    /** DataRepresentation of the output, e.g. {@code Binary}. */
    String dataRepresentation();

    /** Datatype of the output, e.g. {@code R8UI}. */
    String dataType();

    NdArray segment(BufferedImage image);
}
