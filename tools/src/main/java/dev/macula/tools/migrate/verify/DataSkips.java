package dev.macula.tools.migrate.verify;

import dev.macula.tools.migrate.SourceRow;
import dev.macula.tools.migrate.VoxelSource;

/**
 * The rows the migration skips for a stated reason that follows from the data: segmentations and model
 * segmentations whose voxels cannot be read (none, no store given, an index beyond the array). The rule is
 * {@link VoxelSource#unreadable}, the one the migration applies.
 */
record DataSkips(VoxelSource voxels) {

    /** Why this Segmentation row was not migrated, or null. */
    String segmentation(SourceRow row) {
        return reason(row, false);
    }

    /** Why this ModelSegmentation row (with its model's ModelName and ModelVersion) was not migrated, or null. */
    String modelSegmentation(SourceRow row) {
        return reason(row, true);
    }

    private String reason(SourceRow row, boolean model) {
        try {
            String group = model ? VoxelSource.modelGroup(row) : VoxelSource.graderGroup(row);
            return voxels.unreadable(VoxelSource.arrayKey(row, group), row.longOrNull("ZarrArrayIndex"));
        } catch (RuntimeException e) { // an unknown data type or a bad shape: the migration skips the row with it
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
