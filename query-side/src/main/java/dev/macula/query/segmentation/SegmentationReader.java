package dev.macula.query.segmentation;

import dev.macula.api.segmentation.SegmentationView;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.query.tagging.TagLinkReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * SegmentationGET (docs/api.md §3.0.8) from the {@code segmentation} read model: one by id, or an image's
 * list for InstanceGET (shared by the segmentation and imaging handlers).
 */
@Component
public class SegmentationReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final FeatureReader features;
    private final TagLinkReader tagLinks;

    SegmentationReader(JdbcTemplate jdbc, FeatureReader features, TagLinkReader tagLinks) {
        this.jdbc = jdbc;
        this.features = features;
        this.tagLinks = tagLinks;
    }

    private static final String SELECT = """
            select s.*, u.username from segmentation s left join app_user u on u.id = s.creator_id""";

    /** One segmentation, active or not, without its tags; or null. */
    SegmentationView segmentation(long id) {
        return jdbc.query(SELECT + " where s.id = ?", (rs, row) -> view(rs, false), id).stream().findFirst().orElse(null);
    }

    /** Active segmentations of an image in id order, tags only when asked (InstanceGET). */
    public List<SegmentationView> ofImage(long imageId, boolean withTags) {
        return jdbc.query(SELECT + " where s.image_instance_id = ? and not s.inactive order by s.id",
                (rs, row) -> view(rs, withTags), imageId);
    }

    private SegmentationView view(ResultSet rs, boolean withTags) throws SQLException {
        long id = rs.getLong("id");
        return new SegmentationView(rs.getLong("image_instance_id"), rs.getInt("depth"), rs.getInt("height"),
                rs.getInt("width"), (Integer) rs.getObject("sparse_axis"), json(rs.getString("image_projection_matrix")),
                json(rs.getString("scan_indices")), (Double) rs.getObject("threshold"),
                (Long) rs.getObject("reference_segmentation_id"), rs.getString("data_type"),
                rs.getString("data_representation"), id, "grader_segmentation",
                features.features(rs.getLong("feature_id"), false).stream().findFirst().orElse(null),
                new CreatorMeta(rs.getLong("creator_id"), rs.getString("username")),
                withTags ? tagLinks.linksOf(TagType.Segmentation, id) : List.of(),
                rs.getTimestamp("date_inserted").toLocalDateTime(),
                rs.getTimestamp("date_modified") == null ? null : rs.getTimestamp("date_modified").toLocalDateTime(),
                rs.getInt("data_version"));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
