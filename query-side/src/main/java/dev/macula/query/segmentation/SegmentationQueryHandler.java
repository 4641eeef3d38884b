package dev.macula.query.segmentation;

import dev.macula.api.segmentation.SegmentationView;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationDataQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationVersionChecksumQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationVersionsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.util.List;

/** Segmentation reads: the view ({@link SegmentationReader}), its versions and where its data is. */
@Component
class SegmentationQueryHandler {

    private final JdbcTemplate jdbc;
    private final SegmentationReader reader;

    SegmentationQueryHandler(JdbcTemplate jdbc, SegmentationReader reader) {
        this.jdbc = jdbc;
        this.reader = reader;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VersionView(int version, LocalDateTime at, Actor actor, String checksum, Integer axis, Integer scanNr) {
    }

    record Actor(Long id, String name) {
    }

    /** The current data: its blob's checksum (null before the first write) and version. */
    record SegmentationData(Datatype type, int[] shape, String checksum, int version) {
    }

    @QueryHandler
    SegmentationView handle(FindSegmentationQuery query) {
        return reader.segmentation(query.segmentationId().value());
    }

    @QueryHandler
    List<VersionView> handle(FindSegmentationVersionsQuery query) {
        return jdbc.query("""
                        select version, written_at, actor_id, actor_name, checksum, axis, scan_nr
                        from segmentation_version where segmentation_id = ? order by version""",
                (rs, row) -> new VersionView(rs.getInt("version"), rs.getTimestamp("written_at").toLocalDateTime(),
                        new Actor((Long) rs.getObject("actor_id"), rs.getString("actor_name")), rs.getString("checksum"),
                        (Integer) rs.getObject("axis"), (Integer) rs.getObject("scan_nr")),
                query.segmentationId().value());
    }

    @QueryHandler
    SegmentationData handle(FindSegmentationDataQuery query) {
        return jdbc.query("select data_type, depth, height, width, data_checksum, data_version from segmentation where id = ?",
                (rs, row) -> new SegmentationData(Datatype.valueOf(rs.getString("data_type")),
                        new int[]{rs.getInt("depth"), rs.getInt("height"), rs.getInt("width")},
                        rs.getString("data_checksum"), rs.getInt("data_version")), query.segmentationId().value())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    String handle(FindSegmentationVersionChecksumQuery query) {
        return jdbc.queryForList("select checksum from segmentation_version where segmentation_id = ? and version = ?",
                String.class, query.segmentationId().value(), query.version()).stream().findFirst().orElse(null);
    }
}
