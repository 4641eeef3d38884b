package dev.macula.query.segmentation;

import dev.macula.api.segmentation.SegmentationView;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationDataQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationVersionChecksumQuery;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationVersionsQuery;
import dev.macula.api.voxels.BlobStore;
import dev.macula.query.segmentation.SegmentationQueryHandler.SegmentationData;
import dev.macula.query.segmentation.SegmentationQueryHandler.VersionView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /api/segmentations/{id}}, its data (docs/api.md §6.6, any version with {@code ?version=N}) and
 * {@code GET /api/segmentations/{id}/versions}. Data is read from the blob of the requested version.
 */
@RestController
class SegmentationQueryController {

    private final QueryGateway queries;
    private final BlobStore blobs;

    SegmentationQueryController(QueryGateway queries, @Value("${macula.data-dir}") Path dataDir) {
        this.queries = queries;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
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
        return queries.query(new FindSegmentationVersionsQuery(SegmentationId.of(id)),
                ResponseTypes.multipleInstancesOf(VersionView.class)).join();
    }

    @GetMapping("/api/segmentations/{segmentation_id}/data")
    ResponseEntity<byte[]> data(@PathVariable("segmentation_id") long id,
                                @RequestParam(name = "axis", required = false) String axisText,
                                @RequestParam(name = "scan_nr", required = false) String scanText,
                                @RequestParam(name = "version", required = false) String versionText) {
        SegmentationData stored = id <= 0 ? null : queries.query(new FindSegmentationDataQuery(SegmentationId.of(id)),
                ResponseTypes.instanceOf(SegmentationData.class)).join();
        if (stored == null) {
            throw ApiException.notFound("Segmentation data not found");
        }
        String checksum = stored.checksum();
        if (versionText != null) {
            int version = LaxValues.queryInt("version", versionText, 0, 1, Integer.MAX_VALUE);
            checksum = queries.query(new FindSegmentationVersionChecksumQuery(SegmentationId.of(id), version),
                    ResponseTypes.instanceOf(String.class)).join();
            if (checksum == null) {
                throw ApiException.notFound("Segmentation data version " + version + " not found");
            }
        }
        if (checksum == null) {
            return ResponseEntity.noContent().build();
        }
        return VoxelResponses.npy(blobs, checksum, stored.type().element(), stored.shape(), axisText, scanText,
                "segmentation.npy.gz", "\"" + (versionText == null ? stored.version() : versionText) + "\"",
                "Segmentation data not found");
    }
}
