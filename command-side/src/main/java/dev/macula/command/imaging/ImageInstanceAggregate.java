package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeInstanceTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.DeactivateImageCommand;
import dev.macula.api.imaging.ImagingCommands.ImportImageCommand;
import dev.macula.api.imaging.ImagingCommands.RecordPreprocessingCommand;
import dev.macula.api.imaging.ImagingCommands.RecordThumbnailsCommand;
import dev.macula.api.imaging.ImagingEvents.ImageDeactivatedEvent;
import dev.macula.api.imaging.ImagingEvents.ImageImportedEvent;
import dev.macula.api.imaging.ImagingEvents.ImagePreprocessedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsFailedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsGeneratedEvent;
import dev.macula.api.imaging.InstanceId;
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

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One image file or volume. The pixels stay a file below IMAGES_BASEPATH; the aggregate records
 * the import, the thumbnail outcome and the image's tag links.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class ImageInstanceAggregate {

    @AggregateIdentifier
    private InstanceId instanceId;
    private String thumbnailPath;
    private boolean inactive;
    /** The last preprocessing outcome, so recording the same one again is not news. */
    private ImagePreprocessedEvent preprocessing;
    @AggregateMember
    private final TagLinks tags = new TagLinks();

    protected ImageInstanceAggregate() {
        // for Axon
    }

    @CommandHandler
    public ImageInstanceAggregate(ImportImageCommand command) {
        apply(new ImageImportedEvent(command.instanceId(), command.seriesId(), command.projectId(),
                command.datasetIdentifier(), command.properties()));
        ImagePreprocessedEvent known = command.preprocessing();
        if (known != null) {
            apply(new ImagePreprocessedEvent(command.instanceId(), known.cfRoi(), known.cfKeypoints(),
                    known.cfQuality(), known.preprocessedAt()));
        }
    }

    @CommandHandler
    public void handle(RecordPreprocessingCommand command) {
        ImagePreprocessedEvent outcome = new ImagePreprocessedEvent(instanceId, command.cfRoi(), command.cfKeypoints(),
                command.cfQuality());
        if (!outcome.sameOutcome(preprocessing)) {
            apply(outcome);
        }
    }

    @EventSourcingHandler
    void on(ImagePreprocessedEvent event) {
        preprocessing = event;
    }

    @CommandHandler
    public void handle(DeactivateImageCommand command) {
        if (!inactive) {
            apply(new ImageDeactivatedEvent(instanceId));
        }
    }

    @EventSourcingHandler
    void on(ImageDeactivatedEvent event) {
        inactive = true;
    }

    /** A regenerated thumbnail with the same identifier is not news: no event. */
    @CommandHandler
    public void handle(RecordThumbnailsCommand command) {
        if (command.failure() == null && (command.thumbnailPath() == null || command.thumbnailPath().isEmpty())) {
            throw new IllegalArgumentException("a thumbnail outcome needs an identifier or a failure");
        }
        if (command.failure() != null) {
            if (!"".equals(thumbnailPath)) {
                apply(new ThumbnailsFailedEvent(instanceId, command.failure()));
            }
        } else if (!Objects.equals(thumbnailPath, command.thumbnailPath())) {
            apply(new ThumbnailsGeneratedEvent(instanceId, command.thumbnailPath()));
        }
    }

    @CommandHandler
    public void handle(AttachInstanceTagCommand command) {
        tags.attach(self(), command.tagId(), command.taggerId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(ChangeInstanceTagCommentCommand command) {
        tags.patch(self(), command.tagId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(DetachInstanceTagCommand command) {
        tags.detach(self(), command.tagId()).ifPresent(AggregateLifecycle::apply);
    }

    private TaggedObject self() {
        return new TaggedObject(TagType.ImageInstance, instanceId.value());
    }

    @EventSourcingHandler
    void on(ImageImportedEvent event) {
        instanceId = event.instanceId();
    }

    @EventSourcingHandler
    void on(ThumbnailsGeneratedEvent event) {
        thumbnailPath = event.thumbnailPath();
    }

    @EventSourcingHandler
    void on(ThumbnailsFailedEvent event) {
        thumbnailPath = "";
    }
}
