package dev.macula.tools.migrate;

import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;

/**
 * The original's voxel data (its zarr store, docs/api.md §6.1, read in place) and the platform's blob
 * store that keeps every version of a segmentation's data. Null {@code original}: no store was given,
 * so segmentations with data cannot be migrated (they are skipped with that reason).
 */
record VoxelSource(ZarrStore original, BlobStore blobs) {

    boolean readable() {
        return original != null;
    }

    NdArray read(ZarrStore.ArrayKey key, long index) {
        if (index >= original.length(key)) {
            throw new IllegalArgumentException("ZarrArrayIndex " + index + " is beyond " + key.group() + "/"
                    + key.name() + " (" + original.length(key) + " elements)");
        }
        return original.read(key, index);
    }
}
