package dev.macula.api.segmentation;

import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.tagging.TagId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Grader segmentations (docs/api.md §3.4, docs/api.md §6). Voxel data never travels in messages: each version is a
 * blob named by its SHA-256 in the blob store, mirrored into the zarr store at {@code zarrIndex}.
 */
public final class SegmentationMessages {

    private SegmentationMessages() {
    }

    /** Geometry and metadata of a new segmentation. */
    public record Geometry(DataRepresentation dataRepresentation, Datatype dataType, int depth, int height, int width,
                           Integer sparseAxis, List<List<Double>> imageProjectionMatrix, List<Integer> scanIndices) {
    }

    public record CreateSegmentationCommand(@TargetAggregateIdentifier SegmentationId segmentationId,
                                            InstanceId imageInstanceId, FeatureId featureId, UserId creatorId,
                                            Long subtaskId, Geometry geometry, Double threshold,
                                            Long referenceSegmentationId, String checksum, long zarrIndex) {
    }

    /** PATCH semantics: null fields are unchanged. */
    public record UpdateSegmentationCommand(@TargetAggregateIdentifier SegmentationId segmentationId,
                                            Long referenceSegmentationId, FeatureId featureId, Double threshold) {
    }

    public record DeactivateSegmentationCommand(@TargetAggregateIdentifier SegmentationId segmentationId) {
    }

    /**
     * Empties the optional fields a PATCH cannot empty (null there means unchanged): a revert or
     * rollback to a moment they were empty.
     */
    public record ClearSegmentationFieldsCommand(@TargetAggregateIdentifier SegmentationId segmentationId,
                                                 boolean threshold, boolean referenceSegmentation) {
    }

    /** Undoes a deactivation (a revert to a moment the segmentation was active). */
    public record ReactivateSegmentationCommand(@TargetAggregateIdentifier SegmentationId segmentationId) {
    }

    /**
     * A new version of the data. {@code expectedVersion} (from If-Match) makes the write conditional;
     * {@code axis}/{@code scanNr} say which slice changed (null for a whole-array write).
     */
    public record WriteSegmentationDataCommand(@TargetAggregateIdentifier SegmentationId segmentationId,
                                               Integer expectedVersion, String checksum, long size, Integer axis,
                                               Integer scanNr) {
    }

    public record AttachSegmentationTagCommand(@TargetAggregateIdentifier SegmentationId segmentationId, TagId tagId,
                                               UserId taggerId, String comment) {
    }

    public record ChangeSegmentationTagCommentCommand(@TargetAggregateIdentifier SegmentationId segmentationId,
                                                      TagId tagId, String comment) {
    }

    public record DetachSegmentationTagCommand(@TargetAggregateIdentifier SegmentationId segmentationId, TagId tagId) {
    }

    @Revision("1")
    public record SegmentationCreatedEvent(SegmentationId segmentationId, InstanceId imageInstanceId,
                                           FeatureId featureId, UserId creatorId, Long subtaskId, Geometry geometry,
                                           Double threshold, Long referenceSegmentationId, String checksum,
                                           long zarrIndex) {
    }

    @Revision("1")
    public record SegmentationUpdatedEvent(SegmentationId segmentationId, Long referenceSegmentationId,
                                           FeatureId featureId, Double threshold) {
    }

    @Revision("1")
    public record SegmentationDeactivatedEvent(SegmentationId segmentationId) {
    }

    /** The fields named true are empty now. */
    @Revision("1")
    public record SegmentationFieldsClearedEvent(SegmentationId segmentationId, boolean threshold,
                                                 boolean referenceSegmentation) {
    }

    @Revision("1")
    public record SegmentationReactivatedEvent(SegmentationId segmentationId) {
    }

    /**
     * Version 1 is the creation; every write adds one. {@code size} is the raw byte size of the whole
     * array; {@code scanIndices} is the list after the write.
     */
    @Revision("1")
    public record SegmentationDataWrittenEvent(SegmentationId segmentationId, int version, String checksum, long size,
                                               Integer axis, Integer scanNr, List<Integer> scanIndices) {
    }

    /** Answer: the query side's SegmentationGET view, or null. */
    public record FindSegmentationQuery(SegmentationId segmentationId) {
    }

    /** Answer: the segmentation's versions, oldest first (empty when it has none). */
    public record FindSegmentationVersionsQuery(SegmentationId segmentationId) {
    }

    /** Answer: where the current data is (data type, shape, checksum, version), or null. */
    public record FindSegmentationDataQuery(SegmentationId segmentationId) {
    }

    /** Answer: the checksum of one version's data, or null when there is no such version. */
    public record FindSegmentationVersionChecksumQuery(SegmentationId segmentationId, int version) {
    }
}
