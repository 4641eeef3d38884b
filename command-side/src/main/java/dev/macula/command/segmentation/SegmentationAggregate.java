package dev.macula.command.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.ChangeSegmentationTagCommentCommand;
import dev.macula.api.segmentation.SegmentationMessages.CreateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DeactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DetachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.ClearSegmentationFieldsCommand;
import dev.macula.api.segmentation.SegmentationMessages.ReactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationFieldsClearedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationReactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationCreatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDataWrittenEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDeactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationUpdatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.UpdateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.WriteSegmentationDataCommand;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.common.AggregateCaching;
import dev.macula.command.tagging.TagLinks;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A grader segmentation. Every data write is a new version (the previous content stays in the blob
 * store); a write that names the version it was based on ({@code If-Match}) fails with 409 when
 * someone else wrote in between, so graders never silently overwrite each other.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class SegmentationAggregate {

    @AggregateIdentifier
    private SegmentationId segmentationId;
    private int version;
    private Integer sparseAxis;
    private List<Integer> scanIndices;
    private boolean inactive;
    @AggregateMember
    private final TagLinks tags = new TagLinks();

    protected SegmentationAggregate() {
        // for Axon
    }

    @CommandHandler
    public SegmentationAggregate(CreateSegmentationCommand c) {
        apply(new SegmentationCreatedEvent(c.segmentationId(), c.imageInstanceId(), c.featureId(), c.creatorId(),
                c.subtaskId(), c.geometry(), c.threshold(), c.referenceSegmentationId(), c.checksum(), c.zarrIndex()));
        if (c.checksum() == null) {
            return; // no data yet (the original keeps such rows; GET …/data answers 204): version 0
        }
        long size = (long) c.geometry().depth() * c.geometry().height() * c.geometry().width()
                * c.geometry().dataType().element().size();
        apply(new SegmentationDataWrittenEvent(c.segmentationId(), 1, c.checksum(), size, null, null,
                c.geometry().scanIndices()));
    }

    @CommandHandler
    public void handle(UpdateSegmentationCommand command) {
        if (command.referenceSegmentationId() != null || command.featureId() != null || command.threshold() != null) {
            apply(new SegmentationUpdatedEvent(segmentationId, command.referenceSegmentationId(), command.featureId(),
                    command.threshold()));
        }
    }

    @CommandHandler
    public void handle(ClearSegmentationFieldsCommand command) {
        if (command.threshold() || command.referenceSegmentation()) {
            apply(new SegmentationFieldsClearedEvent(segmentationId, command.threshold(), command.referenceSegmentation()));
        }
    }

    @CommandHandler
    public void handle(DeactivateSegmentationCommand command) {
        if (!inactive) {
            apply(new SegmentationDeactivatedEvent(segmentationId));
        }
    }

    @CommandHandler
    public void handle(ReactivateSegmentationCommand command) {
        if (inactive) {
            apply(new SegmentationReactivatedEvent(segmentationId));
        }
    }

    /** Returns the new version number. */
    @CommandHandler
    public int handle(WriteSegmentationDataCommand command) {
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw ApiException.conflict("Segmentation data is at version " + version + ", not "
                    + command.expectedVersion() + "; reload it and apply your change again");
        }
        apply(new SegmentationDataWrittenEvent(segmentationId, version + 1, command.checksum(), command.size(),
                command.axis(),
                command.scanNr(), scanIndicesAfter(command.axis(), command.scanNr())));
        return version;
    }

    /** Sparse bookkeeping (docs/api.md §6.5) with the docs/api.md §9.2 item 27 fix: never null, sorted and unique. */
    private List<Integer> scanIndicesAfter(Integer axis, Integer scanNr) {
        if (scanIndices == null || sparseAxis == null || scanNr == null || !Objects.equals(axis, sparseAxis)) {
            return scanIndices;
        }
        TreeSet<Integer> sorted = new TreeSet<>(scanIndices);
        sorted.add(scanNr);
        return new ArrayList<>(sorted);
    }

    @CommandHandler
    public void handle(AttachSegmentationTagCommand command) {
        tags.attach(self(), command.tagId(), command.taggerId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(ChangeSegmentationTagCommentCommand command) {
        tags.patch(self(), command.tagId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(DetachSegmentationTagCommand command) {
        tags.detach(self(), command.tagId()).ifPresent(AggregateLifecycle::apply);
    }

    private TaggedObject self() {
        return new TaggedObject(TagType.Segmentation, segmentationId.value());
    }

    @EventSourcingHandler
    void on(SegmentationCreatedEvent event) {
        segmentationId = event.segmentationId();
        sparseAxis = event.geometry().sparseAxis();
        scanIndices = event.geometry().scanIndices();
    }

    @EventSourcingHandler
    void on(SegmentationDataWrittenEvent event) {
        version = event.version();
        scanIndices = event.scanIndices();
    }

    @EventSourcingHandler
    void on(SegmentationDeactivatedEvent event) {
        inactive = true;
    }

    @EventSourcingHandler
    void on(SegmentationReactivatedEvent event) {
        inactive = false;
    }
}
