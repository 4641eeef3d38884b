package dev.macula.tools.migrate;

import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;

/**
 * The original's voxel data (its zarr store, docs/api.md §6.1, read in place) and the platform's blob
 * store that keeps every version of a segmentation's data. Null {@code original}: no store was given,
 * so segmentations with data cannot be migrated (they are skipped with that reason).
 * <p>
 * Which rows cannot be migrated, and why, is decided here once: the migration skips them with that
 * reason and {@code --verify} expects them to be absent for the same reason.
 */
public record VoxelSource(ZarrStore original, BlobStore blobs) {

    /** The zarr group of a grader segmentation's data. */
    public static String graderGroup(SourceRow row) {
        return "DataRepresentation." + row.text("DataRepresentation");
    }

    /** The zarr group of a model's output; the name and version come from the row's model (null: unknown). */
    public static String modelGroup(SourceRow row) {
        return row.isNull("ModelName") ? "model_name_unknown"
                : "model_" + row.text("ModelName") + "_" + row.text("ModelVersion");
    }

    /** The array holding a (model) segmentation row's data: its data type and shape in {@code group}. */
    public static ZarrStore.ArrayKey arrayKey(SourceRow row, String group) {
        return new ZarrStore.ArrayKey(group, Datatype.valueOf(row.text("DataType")).element(),
                Math.toIntExact(row.id("Depth")), Math.toIntExact(row.id("Height")), Math.toIntExact(row.id("Width")));
    }

    public boolean readable() {
        return original != null;
    }

    /**
     * Why the data of a row at {@code key} and its {@code ZarrArrayIndex} cannot be read, or null when it
     * can, or when there is none ({@code index} null: the row arrives without data, as in the original).
     */
    public String unreadable(ZarrStore.ArrayKey key, Long index) {
        if (index == null) {
            return null;
        }
        if (!readable()) {
            return "the voxel data is in the original zarr store: give --zarr PATH";
        }
        if (index >= original.length(key)) {
            return "ZarrArrayIndex " + index + " is beyond " + key.group() + "/" + key.name() + " ("
                    + original.length(key) + " elements)";
        }
        return null;
    }

    /** The data at {@code index}; {@link #unreadable} must have said it can be read. */
    public NdArray read(ZarrStore.ArrayKey key, long index) {
        return original.read(key, index);
    }
}
