package dev.macula.api.segmentation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagMeta;

import java.time.LocalDateTime;
import java.util.List;

/** SegmentationGET (docs/api.md §3.4): read by id and answered by the segmentation's write endpoints. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"image_instance_id", "depth", "height", "width", "sparse_axis", "image_projection_matrix",
        "scan_indices", "threshold", "reference_segmentation_id", "data_type", "data_representation", "id",
        "annotation_type", "feature", "creator", "tags", "date_inserted", "date_modified", "data_version"})
public record SegmentationView(long imageInstanceId, int depth, int height, int width, Integer sparseAxis,
                               JsonNode imageProjectionMatrix, JsonNode scanIndices, Double threshold,
                               Long referenceSegmentationId, String dataType, String dataRepresentation, long id,
                               String annotationType, FeatureView feature, CreatorMeta creator, List<TagMeta> tags,
                               LocalDateTime dateInserted, LocalDateTime dateModified, int dataVersion) {
}
