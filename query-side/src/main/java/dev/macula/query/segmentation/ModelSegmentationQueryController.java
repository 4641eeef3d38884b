package dev.macula.query.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.segmentation.ModelMessages.FindModelSegmentationDataQuery;
import dev.macula.api.voxels.BlobStore;
import dev.macula.query.segmentation.ModelSegmentationQueryHandler.ModelSegmentationData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;

/** {@code GET /api/model-segmentations/{id}/data}: the voxels from their blob, whole or one slice. */
@RestController
class ModelSegmentationQueryController {

    private final QueryGateway queries;
    private final BlobStore blobs;

    ModelSegmentationQueryController(QueryGateway queries, @Value("${macula.data-dir}") Path dataDir) {
        this.queries = queries;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
    }

    @GetMapping("/api/model-segmentations/{model_segmentation_id}/data")
    ResponseEntity<byte[]> data(@PathVariable("model_segmentation_id") long id,
                                @RequestParam(name = "axis", required = false) String axisText,
                                @RequestParam(name = "scan_nr", required = false) String scanText) {
        ModelSegmentationData stored = queries.query(new FindModelSegmentationDataQuery(id),
                ResponseTypes.instanceOf(ModelSegmentationData.class)).join();
        if (stored == null) {
            throw ApiException.notFound("ModelSegmentation data not found");
        }
        if (stored.checksum() == null) {
            return ResponseEntity.noContent().build(); // a row without data, as the original keeps (docs/api.md §6)
        }
        return VoxelResponses.npy(blobs, stored.checksum(), stored.type().element(), stored.shape(), axisText, scanText,
                "model_segmentation.npy.gz", null, "ModelSegmentation data not found");
    }
}
