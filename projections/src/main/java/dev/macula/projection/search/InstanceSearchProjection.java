package dev.macula.projection.search;

import dev.macula.api.attributes.AttributeMessages.AttributeValueChangedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributeValueRecordedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationCreatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationDeactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationReactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationUpdatedEvent;
import dev.macula.api.imaging.ImagingEvents.ImageDeactivatedEvent;
import dev.macula.api.imaging.ImagingEvents.ImageImportedEvent;
import dev.macula.api.imaging.ImagingEvents.ImagePreprocessedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRenamedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationCreatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDeactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationReactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationFieldsClearedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationUpdatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code instances} index (docs/api.md §4.2–4.3), fed by a pooled streaming processor. Each
 * handler names the images whose documents the event changes; the base class re-renders them.
 */
@Component
@ProcessingGroup(InstanceSearchProjection.GROUP)
class InstanceSearchProjection extends DocumentIndexProjection {

    static final String GROUP = "instance-search";

    private final AffectedDocuments affected;
    private final Lookup imagesOfSegmentations;
    private final Lookup imagesOfForms;
    private final Lookup imagesOfAttributeValues;

    @Autowired
    InstanceSearchProjection(SearchDocumentWriter writer, InstanceDocuments renderer, AffectedDocuments affected) {
        this(writer, renderer, affected, null);
    }

    /** An instance writing to a new index version, for a rebuild. */
    InstanceSearchProjection(SearchDocumentWriter writer, InstanceDocuments renderer, AffectedDocuments affected,
                             String rebuildTarget) {
        super(writer, renderer, rebuildTarget);
        this.affected = affected;
        this.imagesOfSegmentations = affected::imagesOfSegmentations;
        this.imagesOfForms = affected::imagesOfForms;
        this.imagesOfAttributeValues = affected::imagesOfAttributeValues;
    }

    @Override
    public DocumentIndexProjection forRebuild(String targetIndex) {
        return new InstanceSearchProjection(writer, (InstanceDocuments) renderer, affected, targetIndex);
    }

    @EventHandler
    void on(ImageImportedEvent event) {
        touch(event.instanceId().value());
    }

    @EventHandler
    void on(ImagePreprocessedEvent event) {
        touch(event.instanceId().value()); // Color Fundus Quality
    }

    @EventHandler
    void on(ImageDeactivatedEvent event) {
        touch(event.instanceId().value());
    }

    @EventHandler
    void on(TagAttachedEvent event) {
        touchObject(event.object());
    }

    @EventHandler
    void on(TagDetachedEvent event) {
        touchObject(event.object());
    }

    @EventHandler
    void on(TagRenamedEvent event) {
        touch(affected.imagesWithTag(event.tagId().value()));
    }

    @EventHandler
    void on(TagDeletedEvent event) {
        touchReferencing("tag:" + event.tagId().value());
    }

    @EventHandler
    void on(SegmentationCreatedEvent event) {
        touch(event.imageInstanceId().value());
    }

    @EventHandler
    void on(SegmentationUpdatedEvent event) {
        touchLater(imagesOfSegmentations, event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationFieldsClearedEvent event) {
        touchLater(imagesOfSegmentations, event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationDeactivatedEvent event) {
        touchLater(imagesOfSegmentations, event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationReactivatedEvent event) {
        touchLater(imagesOfSegmentations, event.segmentationId().value());
    }

    @EventHandler
    void on(FeatureRenamedEvent event) {
        touch(affected.imagesWithFeature(event.featureId().value()));
        touchReferencing("feature:" + event.featureId().value()); // attribute values on inactive segmentations too
    }

    @EventHandler
    void on(AttributeValueRecordedEvent event) {
        touchLater(imagesOfAttributeValues, event.valueId());
    }

    @EventHandler
    void on(AttributeValueChangedEvent event) {
        touchLater(imagesOfAttributeValues, event.valueId());
    }

    @EventHandler
    void on(FormAnnotationCreatedEvent event) {
        touchLater(imagesOfForms, event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationUpdatedEvent event) {
        // the form may have moved to another image: the old one still shows it in the index
        touchLater(imagesOfForms, event.formAnnotationId().value());
        touchReferencing("form:" + event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationDeactivatedEvent event) {
        touchLater(imagesOfForms, event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationReactivatedEvent event) {
        touchLater(imagesOfForms, event.formAnnotationId().value());
    }

    private void touchObject(TaggedObject object) {
        switch (object.type()) {
            case ImageInstance -> touch(object.id());
            case Segmentation -> touchLater(imagesOfSegmentations, object.id());
            case FormAnnotation -> touchLater(imagesOfForms, object.id());
            default -> {
                // study tags and legacy annotations are not part of instance documents
            }
        }
    }
}
