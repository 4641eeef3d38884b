package dev.macula.command.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.DeactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationVersionChecksumQuery;
import dev.macula.api.segmentation.SegmentationMessages.ReactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.ClearSegmentationFieldsCommand;
import dev.macula.api.segmentation.SegmentationMessages.UpdateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.WriteSegmentationDataCommand;
import dev.macula.api.segmentation.SegmentationRowView;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.api.voxels.NdArray;
import dev.macula.command.common.ReadModel;
import dev.macula.command.segmentation.SegmentationLookups.StoredVoxels;
import dev.macula.command.tagging.TagSetRestorer;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A grader segmentation as it was ({@code POST /api/segmentations/{id}/revert}): metadata, active flag,
 * tags and voxel data. Old data comes back as a new version with the old checksum (the blob store
 * keeps every version). A field that was empty then but is set now (threshold, reference) is emptied
 * by {@code ClearSegmentationFieldsCommand}. Sparse {@code scan_indices} keep their current list.
 */
@Component
class SegmentationRestorer extends StateRestorer<SegmentationRestorer.State> {

    static final String NOT_FOUND = "Segmentation not found";

    private final SegmentationLookups lookups;
    private final TagSetRestorer tags;
    private final VoxelStorage storage;
    private final QueryGateway queries;

    SegmentationRestorer(RestoreSupport support, SegmentationLookups lookups, TagSetRestorer tags,
                         VoxelStorage storage, QueryGateway queries) {
        super(support);
        this.lookups = lookups;
        this.tags = tags;
        this.storage = storage;
        this.queries = queries;
    }

    record State(SegmentationRowView row, StoredVoxels voxels, List<TagMeta> tags) {
    }

    @Override
    public String entityType() {
        return SegmentationId.TYPE;
    }

    @Override
    protected State read(long id) {
        if (!lookups.exists(ReadModel.SEGMENTATION, id)) {
            return null;
        }
        return new State(lookups.row(id), lookups.voxels(id).orElseThrow(),
                tags.read(new TaggedObject(TagType.Segmentation, id)));
    }

    @Override
    protected List<Object> commands(long id, State past, State now) {
        SegmentationId segmentation = SegmentationId.of(id);
        SegmentationRowView then = past.row();
        SegmentationRowView current = now.row();
        List<Object> commands = new ArrayList<>();
        if (!then.inactive() && current.inactive()) {
            commands.add(new ReactivateSegmentationCommand(segmentation));
        }
        Long reference = changedTo(then.referenceSegmentationId(), current.referenceSegmentationId());
        Long feature = changedTo(then.featureId(), current.featureId());
        Double threshold = changedTo(then.threshold(), current.threshold());
        if (reference != null || feature != null || threshold != null) {
            commands.add(new UpdateSegmentationCommand(segmentation, reference,
                    feature == null ? null : FeatureId.of(feature), threshold));
        }
        boolean clearThreshold = then.threshold() == null && current.threshold() != null;
        boolean clearReference = then.referenceSegmentationId() == null && current.referenceSegmentationId() != null;
        if (clearThreshold || clearReference) {
            commands.add(new ClearSegmentationFieldsCommand(segmentation, clearThreshold, clearReference));
        }
        if (!Objects.equals(past.voxels().checksum(), now.voxels().checksum())) {
            commands.add(write(segmentation, now.voxels(), past.voxels().checksum(), null));
        }
        commands.addAll(tags.commands(new TaggedObject(TagType.Segmentation, id), past.tags(), now.tags()));
        if (then.inactive() && !current.inactive()) {
            commands.add(new DeactivateSegmentationCommand(segmentation));
        }
        return commands;
    }

    /** The value to set so that now becomes then; null when equal or when then was empty (cleared apart). */
    private static <T> T changedTo(T then, T now) {
        return then == null || then.equals(now) ? null : then;
    }

    private static WriteSegmentationDataCommand write(SegmentationId id, StoredVoxels voxels, String checksum,
                                                      Integer expectedVersion) {
        long size = NdArray.elements(voxels.shape()) * voxels.type().element().size();
        return new WriteSegmentationDataCommand(id, expectedVersion, checksum, size, null, null);
    }

    @Override
    protected void restored(long id, State past, State before) {
        if (!Objects.equals(past.voxels().checksum(), before.voxels().checksum())) {
            mirror(id, past.voxels().checksum());
        }
    }

    private void mirror(long id, String checksum) {
        StoredVoxels row = lookups.voxels(id).orElseThrow();
        storage.mirror(row, storage.current(checksum, row.type(), row.shape()));
    }

    /**
     * {@code {"version": n}}: version n's data becomes a new version with n's checksum — unless the
     * data already has that checksum. {@code If-Match} as on {@code PUT …/data}: a stale version is 409.
     */
    Outcome restoreVersion(long id, int version, Integer expectedVersion) {
        StoredVoxels voxels = lookups.voxels(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        SegmentationId segmentation = SegmentationId.of(id);
        String checksum = queries.query(new FindSegmentationVersionChecksumQuery(segmentation, version),
                ResponseTypes.instanceOf(String.class)).join();
        if (checksum == null) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "version"),
                    "Value error, segmentation " + id + " has no data version " + version, version));
        }
        int current = lookups.row(id).dataVersion();
        if (expectedVersion != null && expectedVersion != current) {
            throw ApiException.conflict("Segmentation data is at version " + current + ", not " + expectedVersion
                    + "; reload it and apply your change again");
        }
        if (checksum.equals(voxels.checksum())) {
            return Outcome.UNCHANGED;
        }
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MessageMetadata.REVERTED_TO_VERSION, version);
        lookups.versionWrittenAt(id, version).ifPresent(position -> metadata.put(MessageMetadata.REVERTED_TO, position));
        support.sendAll(List.of(write(segmentation, voxels, checksum, expectedVersion)), metadata, NOT_FOUND);
        mirror(id, checksum);
        return Outcome.RESTORED;
    }

    @Override
    protected List<Object> removal(long id, State now) {
        return now.row().inactive() ? List.of() : List.of(new DeactivateSegmentationCommand(SegmentationId.of(id)));
    }

    @Override
    protected String notFound() {
        return NOT_FOUND;
    }

    @Override
    protected String kind() {
        return "Segmentation";
    }
}
