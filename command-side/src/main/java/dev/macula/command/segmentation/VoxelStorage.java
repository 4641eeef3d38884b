package dev.macula.command.segmentation;

import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** Where segmentation voxels go: every version as a blob, the current one mirrored into the zarr store. */
@Component
class VoxelStorage {

    final BlobStore blobs;
    final ZarrStore zarr;

    VoxelStorage(@Value("${macula.data-dir}") Path dataDir,
                 @Value("${macula.segmentations-zarr-store}") Path zarrRoot) {
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
        this.zarr = new ZarrStore(zarrRoot);
    }

    /** The original's group name: the stringified enum (docs/api.md §6.1). */
    static ZarrStore.ArrayKey key(DataRepresentation representation, Datatype type, int depth, int height, int width) {
        return new ZarrStore.ArrayKey("DataRepresentation." + representation.name(), type.element(), depth, height, width);
    }

    /** The zarr store follows the committed version, for tools that read it directly. */
    void mirror(SegmentationLookups.StoredVoxels row, NdArray data) {
        var key = key(row.representation(), row.type(), row.shape()[0], row.shape()[1], row.shape()[2]);
        if (row.zarrIndex() != null && row.zarrIndex() < zarr.length(key)) {
            zarr.write(key, row.zarrIndex(), data);
        }
    }

    NdArray current(String checksum, Datatype type, int[] shape) {
        int size = Math.toIntExact(NdArray.elements(shape) * type.element().size());
        return blobs.get(checksum, size).map(data -> new NdArray(type.element(), shape, data))
                .orElseGet(() -> NdArray.zeros(type.element(), shape));
    }
}
