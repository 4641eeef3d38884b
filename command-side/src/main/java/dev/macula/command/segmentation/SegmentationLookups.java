package dev.macula.command.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationRowView;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * What writes on features, segmentations and their voxels read from the read models: the image a
 * segmentation is drawn on, the feature hierarchy (for the docs/api.md §8.3 delete checks and cycles), and a
 * segmentation's stored geometry and row. Existence checks are the inherited {@code exists}.
 */
@Component
class SegmentationLookups extends ReadModelLookups {

    private static final ObjectMapper JSON = new ObjectMapper();

    SegmentationLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    /** An image's size; {@code frames} is 1 when the image has none recorded. */
    record ImageSize(int frames, Integer rows, Integer columns) {
    }

    /** Where a segmentation's current voxels are and what they look like. */
    record StoredVoxels(DataRepresentation representation, Datatype type, int[] shape, String checksum,
                        Long zarrIndex) {
    }

    Optional<ImageSize> imageSize(long imageId) {
        return jdbc.query("select nr_of_frames, rows_y, columns_x from image_instance where id = ?",
                (rs, row) -> new ImageSize(rs.getObject("nr_of_frames") == null || rs.getInt("nr_of_frames") == 0 ? 1
                        : rs.getInt("nr_of_frames"), (Integer) rs.getObject("rows_y"),
                        (Integer) rs.getObject("columns_x")),
                imageId).stream().findFirst();
    }

    /** The image a segmentation is drawn on, if the segmentation exists. */
    Optional<Long> imageOf(long segmentationId) {
        return first(Long.class, "select image_instance_id from segmentation where id = ?", segmentationId);
    }

    /** Whether {@code referenceId} is another segmentation of the same image as {@code segmentationId}. */
    boolean isOtherOnSameImage(long referenceId, long segmentationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from segmentation r
                    join segmentation s on s.image_instance_id = r.image_instance_id
                    where r.id = ? and s.id = ? and r.id <> s.id)""", Boolean.class, referenceId, segmentationId));
    }

    String featureName(long featureId) {
        return jdbc.queryForObject("select name from feature where id = ?", String.class, featureId);
    }

    int segmentationsOfFeature(long featureId) {
        Integer count = jdbc.queryForObject("select count(*) from segmentation where feature_id = ?", Integer.class,
                featureId);
        return count == null ? 0 : count;
    }

    /** Names of the features that list this one as a child, by parent id. */
    List<String> parentNames(long featureId) {
        return jdbc.queryForList("""
                select p.name from composite_feature c join feature p on p.id = c.parent_id
                where c.child_id = ? order by p.id, c.feature_index""", String.class, featureId);
    }

    /** Whether {@code ancestor} is reachable downwards from {@code start}: adding start below it makes a cycle. */
    boolean isBelow(long ancestor, long start) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                with recursive below(id) as (
                    select child_id from composite_feature where parent_id = ?
                    union select c.child_id from composite_feature c join below b on c.parent_id = b.id)
                select exists (select 1 from below where id = ?)""", Boolean.class, start, ancestor));
    }

    /** The event position at which a data version was written (when its row appeared). */
    Optional<Long> versionWrittenAt(long segmentationId, int version) {
        return first(Long.class, """
                select min(valid_from) from segmentation_version_history where segmentation_id = ? and version = ?
                having min(valid_from) is not null""", segmentationId, version);
    }

    Optional<StoredVoxels> voxels(long segmentationId) {
        return jdbc.query("""
                        select data_representation, data_type, depth, height, width, data_checksum, zarr_array_index
                        from segmentation where id = ?""",
                (rs, i) -> new StoredVoxels(DataRepresentation.valueOf(rs.getString("data_representation")),
                        Datatype.valueOf(rs.getString("data_type")),
                        new int[]{rs.getInt("depth"), rs.getInt("height"), rs.getInt("width")},
                        rs.getString("data_checksum"), (Long) rs.getObject("zarr_array_index")),
                segmentationId).stream().findFirst();
    }

    /** The row after a data write (the write's projection runs inline, so it is there). */
    SegmentationRowView row(long segmentationId) {
        return jdbc.query("select * from segmentation where id = ?", (rs, i) -> new SegmentationRowView(
                rs.getLong("id"), rs.getLong("image_instance_id"), (Long) rs.getObject("zarr_array_index"),
                rs.getString("data_representation"), rs.getString("data_type"), rs.getInt("depth"),
                rs.getInt("height"), rs.getInt("width"), (Integer) rs.getObject("sparse_axis"),
                json(rs.getString("image_projection_matrix")), json(rs.getString("scan_indices")),
                (Double) rs.getObject("threshold"), (Long) rs.getObject("reference_segmentation_id"),
                rs.getLong("creator_id"), rs.getLong("feature_id"), (Long) rs.getObject("subtask_id"),
                rs.getTimestamp("date_inserted").toLocalDateTime(), local(rs.getTimestamp("date_modified")),
                rs.getBoolean("inactive"), rs.getInt("data_version")), segmentationId).get(0);
    }

    private static java.time.LocalDateTime local(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
