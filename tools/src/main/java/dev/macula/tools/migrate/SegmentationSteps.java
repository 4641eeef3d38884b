package dev.macula.tools.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.api.segmentation.ModelMessages.CreateModelSegmentationCommand;
import dev.macula.api.segmentation.ModelMessages.OutputGeometry;
import dev.macula.api.segmentation.ModelMessages.RegisterSegmentationModelCommand;
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
 * Segmentation models, model segmentations and grader segmentations. Grader segmentations: geometry from the row, voxel data from the original's zarr store at the row's
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

    /** A segmentation model (the Model row joined with its SegmentationModel row). */
    Outcome model(SourceRow row) {
        long id = row.id("ModelID");
        if (writer.exists(ModelMessages.modelKey(id))) {
            return Outcome.ALREADY;
        }
        Long feature = row.longOrNull("FeatureID");
        return writer.send(new RegisterSegmentationModelCommand(ModelMessages.modelKey(id), id, row.text("ModelName"),
                        row.text("Version"), row.text("Description"), feature == null ? null : FeatureId.of(feature)),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Model/" + id);
    }

    /** A model's output: its voxels are in the group {@code model_<name>_<version>} (docs/api.md §6.1). */
    Outcome modelSegmentation(SourceRow row) throws Exception {
        long id = row.id("ModelSegmentationID");
        if (writer.exists(ModelMessages.modelSegmentationKey(id))) {
            return Outcome.ALREADY;
        }
        Voxels voxels = voxels(row, VoxelSource.modelGroup(row));
        if (voxels.skipped() != null) {
            return voxels.skipped();
        }
        return writer.send(new CreateModelSegmentationCommand(ModelMessages.modelSegmentationKey(id), id,
                        InstanceId.of(row.id("ImageInstanceID")), row.id("ModelID"), voxels.representation(),
                        voxels.type(), voxels.shape()[0], voxels.shape()[1], voxels.shape()[2], voxels.checksum(),
                        voxels.index(), new OutputGeometry(row.intOrNull("SparseAxis"),
                        list(row.json("ImageProjectionMatrix"), new TypeReference<List<List<Double>>>() { }),
                        list(row.json("ScanIndices"), new TypeReference<List<Integer>>() { }),
                        row.doubleOrNull("Threshold"), row.longOrNull("ReferenceSegmentationID"))),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "ModelSegmentation/" + id);
    }

    /** The voxel data of a (model) segmentation row, stored as a blob; or why it cannot be. */
    private record Voxels(DataRepresentation representation, Datatype type, int[] shape, long index, String checksum,
                          MigrationWriter.Skipped skipped) {
    }

    private Voxels voxels(SourceRow row, String group) {
        DataRepresentation representation = DataRepresentation.valueOf(row.text("DataRepresentation"));
        Datatype type = Datatype.valueOf(row.text("DataType"));
        ZarrStore.ArrayKey key = VoxelSource.arrayKey(row, group);
        int[] shape = {key.depth(), key.height(), key.width()};
        Long index = row.longOrNull("ZarrArrayIndex");
        if (index == null) {
            return new Voxels(representation, type, shape, -1, null, null); // a row without data: kept, data 204
        }
        String unreadable = voxels.unreadable(key, index);
        if (unreadable != null) {
            return new Voxels(representation, type, shape, index, null, new MigrationWriter.Skipped(unreadable));
        }
        NdArray data = voxels.read(key, index);
        return new Voxels(representation, type, shape, index, voxels.blobs().put(data.data()), null);
    }

    Outcome migrate(SourceRow row) throws Exception {
        long id = row.id("SegmentationID");
        if (writer.exists(SegmentationId.of(id).toString())) {
            return Outcome.ALREADY;
        }
        Voxels voxels = voxels(row, VoxelSource.graderGroup(row));
        if (voxels.skipped() != null) {
            return voxels.skipped();
        }
        Geometry geometry = new Geometry(voxels.representation(), voxels.type(), voxels.shape()[0], voxels.shape()[1],
                voxels.shape()[2], row.intOrNull("SparseAxis"),
                list(row.json("ImageProjectionMatrix"), new TypeReference<List<List<Double>>>() { }),
                list(row.json("ScanIndices"), new TypeReference<List<Integer>>() { }));
        long creator = row.id("CreatorID");
        Actor actor = actors.apply(creator);
        Instant at = row.instant("DateInserted");
        Outcome created = writer.send(new CreateSegmentationCommand(SegmentationId.of(id),
                InstanceId.of(row.id("ImageInstanceID")), FeatureId.of(row.id("FeatureID")), UserId.of(creator),
                row.longOrNull("SubTaskID"), geometry, row.doubleOrNull("Threshold"),
                row.longOrNull("ReferenceSegmentationID"), voxels.checksum(), voxels.index()), actor, at,
                "Segmentation/" + id);
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
