package dev.macula.api.segmentation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.LocalDateTime;
import java.util.List;

/** FeatureGET; {@code segmentation_count} only in the listing that asks for counts. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"name", "id", "subfeatures", "subfeature_ids", "date_inserted", "segmentation_count"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FeatureView(String name, long id, List<SubFeatureItem> subfeatures, List<Long> subfeatureIds,
                          LocalDateTime dateInserted, Integer segmentationCount) {
}
