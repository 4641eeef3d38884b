package dev.macula.api.segmentation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDateTime;

/**
 * The answer of {@code PUT /api/segmentations/{id}/data} (docs/api.md §6.5): the segmentation's row after
 * the write, with the original's PascalCase column names (its ORM dump); scripts read ScanIndices.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"SegmentationID", "ImageInstanceID", "ZarrArrayIndex", "DataRepresentation", "DataType", "Depth",
        "Height", "Width", "SparseAxis", "ImageProjectionMatrix", "ScanIndices", "Threshold", "ReferenceSegmentationID",
        "CreatorID", "FeatureID", "SubTaskID", "DateInserted", "DateModified", "Inactive", "DataVersion"})
public record SegmentationRowView(@JsonProperty("SegmentationID") long segmentationId,
                                  @JsonProperty("ImageInstanceID") long imageInstanceId,
                                  @JsonProperty("ZarrArrayIndex") Long zarrArrayIndex,
                                  @JsonProperty("DataRepresentation") String dataRepresentation,
                                  @JsonProperty("DataType") String dataType,
                                  @JsonProperty("Depth") int depth,
                                  @JsonProperty("Height") int height,
                                  @JsonProperty("Width") int width,
                                  @JsonProperty("SparseAxis") Integer sparseAxis,
                                  @JsonProperty("ImageProjectionMatrix") JsonNode imageProjectionMatrix,
                                  @JsonProperty("ScanIndices") JsonNode scanIndices,
                                  @JsonProperty("Threshold") Double threshold,
                                  @JsonProperty("ReferenceSegmentationID") Long referenceSegmentationId,
                                  @JsonProperty("CreatorID") long creatorId,
                                  @JsonProperty("FeatureID") long featureId,
                                  @JsonProperty("SubTaskID") Long subTaskId,
                                  @JsonProperty("DateInserted") LocalDateTime dateInserted,
                                  @JsonProperty("DateModified") LocalDateTime dateModified,
                                  @JsonProperty("Inactive") boolean inactive,
                                  @JsonProperty("DataVersion") int dataVersion) {
}
