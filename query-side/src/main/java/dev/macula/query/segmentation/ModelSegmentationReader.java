package dev.macula.query.segmentation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.segmentation.FeatureView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.util.List;

/** ModelSegmentationGET (docs/api.md §3.0.9), the lists that InstanceGET embeds. */
@Component
public class ModelSegmentationReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final FeatureReader features;

    ModelSegmentationReader(JdbcTemplate jdbc, FeatureReader features) {
        this.jdbc = jdbc;
        this.features = features;
    }

    public record ModelMeta(long id, String name, String version) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"image_instance_id", "depth", "height", "width", "sparse_axis", "image_projection_matrix",
            "scan_indices", "threshold", "reference_segmentation_id", "data_type", "data_representation", "id",
            "annotation_type", "creator", "feature", "tags", "date_inserted", "date_modified"})
    public record ModelSegmentationView(long imageInstanceId, int depth, int height, int width, Integer sparseAxis,
                                        Object imageProjectionMatrix, Object scanIndices, Double threshold,
                                        Long referenceSegmentationId, String dataType, String dataRepresentation,
                                        long id, String annotationType, ModelMeta creator, FeatureView feature,
                                        List<Object> tags, LocalDateTime dateInserted, LocalDateTime dateModified) {
    }

    /** All model segmentations of an image, in id order. */
    public List<ModelSegmentationView> ofImage(long imageId) {
        return jdbc.query("""
                        select s.*, m.name, m.version, m.feature_id from model_segmentation s
                        left join model m on m.id = s.model_id where s.image_instance_id = ? order by s.id""",
                (rs, row) -> {
                    Long featureId = (Long) rs.getObject("feature_id");
                    FeatureView feature = featureId == null ? null
                            : features.features(featureId, false).stream().findFirst().orElse(null);
                    if (feature == null) {
                        feature = new FeatureView("Unknown feature", 0, List.of(), List.of(), LocalDateTime.now().withNano(0), null);
                    }
                    String name = rs.getString("name");
                    return new ModelSegmentationView(rs.getLong("image_instance_id"), rs.getInt("depth"),
                            rs.getInt("height"), rs.getInt("width"), (Integer) rs.getObject("sparse_axis"),
                            jsonOf(rs.getString("image_projection_matrix")), jsonOf(rs.getString("scan_indices")),
                            (Double) rs.getObject("threshold"), (Long) rs.getObject("reference_segmentation_id"),
                            rs.getString("data_type"), rs.getString("data_representation"), rs.getLong("id"),
                            "model_segmentation", new ModelMeta(rs.getLong("model_id"), name == null ? "Unknown model" : name,
                            name == null ? "" : rs.getString("version")), feature, List.of(),
                            rs.getTimestamp("date_inserted").toLocalDateTime(), null);
                }, imageId);
    }

    private static Object jsonOf(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
