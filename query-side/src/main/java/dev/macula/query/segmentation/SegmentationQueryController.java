package dev.macula.query.segmentation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationQuery;
import dev.macula.api.segmentation.SegmentationView;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * {@code GET /api/segmentations/{id}}, its data (contract §6.6, any version with {@code ?version=N}) and
 * {@code GET /api/segmentations/{id}/versions}. Data is read from the blob of the requested version.
 */
@RestController
class SegmentationQueryController {

    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final BlobStore blobs;

    SegmentationQueryController(QueryGateway queries, JdbcTemplate jdbc, @Value("${macula.data-dir}") Path dataDir) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VersionView(int version, LocalDateTime at, Actor actor, String checksum, Integer axis, Integer scanNr) {
    }

    record Actor(Long id, String name) {
    }

    @GetMapping("/api/segmentations/{segmentation_id}")
    SegmentationView segmentation(@PathVariable("segmentation_id") long id) {
        SegmentationView view = id <= 0 ? null : queries.query(new FindSegmentationQuery(SegmentationId.of(id)),
                ResponseTypes.instanceOf(SegmentationView.class)).join();
        if (view == null) {
            throw ApiException.notFound("Segmentation not found");
        }
        return view;
    }

    @GetMapping("/api/segmentations/{segmentation_id}/versions")
    List<VersionView> versions(@PathVariable("segmentation_id") long id) {
        segmentation(id);
        return jdbc.query("""
                        select version, written_at, actor_id, actor_name, checksum, axis, scan_nr
                        from segmentation_version where segmentation_id = ? order by version""",
                (rs, row) -> new VersionView(rs.getInt("version"), rs.getTimestamp("written_at").toLocalDateTime(),
                        new Actor((Long) rs.getObject("actor_id"), rs.getString("actor_name")), rs.getString("checksum"),
                        (Integer) rs.getObject("axis"), (Integer) rs.getObject("scan_nr")), id);
    }

    @GetMapping("/api/segmentations/{segmentation_id}/data")
    ResponseEntity<byte[]> data(@PathVariable("segmentation_id") long id,
                                @RequestParam(name = "axis", required = false) String axisText,
                                @RequestParam(name = "scan_nr", required = false) String scanText,
                                @RequestParam(name = "version", required = false) String versionText) throws IOException {
        record Stored(Datatype type, int[] shape, String checksum, int version) {
        }
        Stored stored = jdbc.query("select data_type, depth, height, width, data_checksum, data_version from segmentation where id = ?",
                (rs, row) -> new Stored(Datatype.valueOf(rs.getString("data_type")),
                        new int[]{rs.getInt("depth"), rs.getInt("height"), rs.getInt("width")},
                        rs.getString("data_checksum"), rs.getInt("data_version")), id)
                .stream().findFirst().orElseThrow(() -> ApiException.notFound("Segmentation data not found"));
        String checksum = stored.checksum();
        if (versionText != null) {
            int version = LaxValues.queryInt("version", versionText, 0, 1, Integer.MAX_VALUE);
            checksum = jdbc.queryForList("select checksum from segmentation_version where segmentation_id = ? and version = ?",
                    String.class, id, version).stream().findFirst()
                    .orElseThrow(() -> ApiException.notFound("Segmentation data version " + version + " not found"));
        }
        if (checksum == null) {
            return ResponseEntity.noContent().build();
        }
        int size = Math.toIntExact(NdArray.elements(stored.shape()) * stored.type().element().size());
        byte[] bytes = blobs.get(checksum, size)
                .orElseThrow(() -> ApiException.notFound("Segmentation data not found"));
        return VoxelResponses.npy(new NdArray(stored.type().element(), stored.shape(), bytes), axisText, scanText,
                "segmentation.npy.gz", "\"" + (versionText == null ? stored.version() : versionText) + "\"");
    }
}
