package dev.macula.tools.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.CreateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DeactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.Geometry;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.tools.migrate.MigrationWriter.Actor;
import dev.macula.tools.migrate.MigrationWriter.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Grader segmentations: geometry from the row, voxel data from the original's zarr store at the row's
 * {@code ZarrArrayIndex} (kept, so the platform's zarr mirror — the original store, or a copy of it —
 * keeps matching), stored as the segmentation's version 1 in the platform's blob store.
 */
final class SegmentationSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MigrationWriter writer;
    private final VoxelSource voxels;
    private final LongFunction<Actor> actors;

    SegmentationSteps(MigrationWriter writer, VoxelSource voxels, LongFunction<Actor> actors) {
        this.writer = writer;
        this.voxels = voxels;
        this.actors = actors;
    }

    Outcome migrate(SourceRow row) throws Exception {
        long id = row.id("SegmentationID");
        if (writer.exists(SegmentationId.of(id).toString())) {
            return Outcome.ALREADY;
        }
        Long index = row.longOrNull("ZarrArrayIndex");
        if (index == null) {
            return new MigrationWriter.Skipped("no voxel data (ZarrArrayIndex NULL): the platform has no"
                    + " segmentations without data yet");
        }
        if (!voxels.readable()) {
            return new MigrationWriter.Skipped("the voxel data is in the original zarr store: give --zarr PATH");
        }
        DataRepresentation representation = DataRepresentation.valueOf(row.text("DataRepresentation"));
        Datatype type = Datatype.valueOf(row.text("DataType"));
        int depth = Math.toIntExact(row.id("Depth"));
        int height = Math.toIntExact(row.id("Height"));
        int width = Math.toIntExact(row.id("Width"));
        NdArray data = voxels.read(new ZarrStore.ArrayKey("DataRepresentation." + representation.name(), type.element(),
                depth, height, width), index);
        String checksum = voxels.blobs().put(data.data());
        Geometry geometry = new Geometry(representation, type, depth, height, width, row.intOrNull("SparseAxis"),
                list(row.json("ImageProjectionMatrix"), new TypeReference<List<List<Double>>>() { }),
                list(row.json("ScanIndices"), new TypeReference<List<Integer>>() { }));
        long creator = row.id("CreatorID");
        Actor actor = actors.apply(creator);
        Instant at = row.instant("DateInserted");
        Outcome created = writer.send(new CreateSegmentationCommand(SegmentationId.of(id),
                InstanceId.of(row.id("ImageInstanceID")), FeatureId.of(row.id("FeatureID")), UserId.of(creator),
                row.longOrNull("SubTaskID"), geometry, row.doubleOrNull("Threshold"),
                row.longOrNull("ReferenceSegmentationID"), checksum, index), actor, at, "Segmentation/" + id);
        if (created != Outcome.MIGRATED || !row.flag("Inactive")) {
            return created;
        }
        Instant modified = row.instant("DateModified");
        return writer.send(new DeactivateSegmentationCommand(SegmentationId.of(id)), actor,
                modified != null ? modified : at, "Segmentation/" + id);
    }

    /** A JSON column as a list; SQL NULL and JSON null stay null, {@code []} stays an empty list. */
    private static <T> T list(JsonNode json, TypeReference<T> type) {
        return json == null || json.isNull() ? null : JSON.convertValue(json, type);
    }
}
