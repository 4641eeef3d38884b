package dev.macula.api.segmentation;

import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Segmentation models and what they produce. Aggregate identifiers are {@code model:<id>} and
 * {@code model-segmentation:<id>}; the voxels are a blob (by SHA-256) mirrored into the zarr group
 * {@code model_<name>_<version>} (docs/api.md §6.1).
 */
public final class ModelMessages {

    /** Id types of models and model segmentations (aggregate-identifier prefixes and id sequences). */
    public static final String MODEL_TYPE = "model";
    public static final String MODEL_SEGMENTATION_TYPE = "model-segmentation";

    private ModelMessages() {
    }

    public record RegisterSegmentationModelCommand(@TargetAggregateIdentifier String modelKey, long modelId, String name,
                                                   String version, String description, FeatureId featureId) {
    }

    /**
     * What a model output keeps beside its shape, as a grader segmentation does (docs/api.md §1.3
     * ModelSegmentation: sparse axis, projection matrix, scan indices, threshold, reference
     * segmentation); null when the producer records none of it (the built-in model, older events).
     */
    public record OutputGeometry(Integer sparseAxis, List<List<Double>> imageProjectionMatrix,
                                 List<Integer> scanIndices, Double threshold, Long referenceSegmentationId) {
    }

    public record CreateModelSegmentationCommand(@TargetAggregateIdentifier String modelSegmentationKey,
                                                 long modelSegmentationId, InstanceId imageInstanceId, long modelId,
                                                 DataRepresentation dataRepresentation, Datatype dataType, int depth,
                                                 int height, int width, String checksum, long zarrIndex,
                                                 OutputGeometry geometry) {
    }

    @Revision("1")
    public record SegmentationModelRegisteredEvent(long modelId, String name, String version, String description,
                                                   FeatureId featureId) {
    }

    @Revision("1")
    public record ModelSegmentationCreatedEvent(long modelSegmentationId, InstanceId imageInstanceId, long modelId,
                                                DataRepresentation dataRepresentation, Datatype dataType, int depth,
                                                int height, int width, String checksum, long zarrIndex,
                                                OutputGeometry geometry) {
    }

    public static String modelKey(long id) {
        return MODEL_TYPE + ":" + id;
    }

    public static String modelSegmentationKey(long id) {
        return MODEL_SEGMENTATION_TYPE + ":" + id;
    }

    /** Answer: where the model segmentation's data is (data type, shape, checksum), or null. */
    public record FindModelSegmentationDataQuery(long modelSegmentationId) {
    }
}
