package dev.macula.projection.search;

import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationCreatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationDeactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationReactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationUpdatedEvent;
import dev.macula.api.imaging.ImagingEvents.SeriesCreatedEvent;
import dev.macula.api.imaging.ImagingEvents.StudyRecordedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The {@code studies} index (docs/api.md §4.5), fed by a pooled streaming processor. */
@Component
@ProcessingGroup(StudySearchProjection.GROUP)
class StudySearchProjection extends DocumentIndexProjection {

    static final String GROUP = "study-search";

    private final AffectedDocuments affected;
    private final Lookup studiesOfForms;

    @Autowired
    StudySearchProjection(SearchDocumentWriter writer, StudyDocuments renderer, AffectedDocuments affected) {
        this(writer, renderer, affected, null);
    }

    /** An instance writing to a new index version, for a rebuild. */
    StudySearchProjection(SearchDocumentWriter writer, StudyDocuments renderer, AffectedDocuments affected,
                          String rebuildTarget) {
        super(writer, renderer, rebuildTarget);
        this.affected = affected;
        this.studiesOfForms = affected::studiesOfForms;
    }

    @Override
    public DocumentIndexProjection forRebuild(String targetIndex) {
        return new StudySearchProjection(writer, (StudyDocuments) renderer, affected, targetIndex);
    }

    @EventHandler
    void on(StudyRecordedEvent event) {
        touch(event.studyId().value());
    }

    @EventHandler
    void on(SeriesCreatedEvent event) {
        touch(event.studyId().value());
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
        touch(affected.studiesWithTag(event.tagId().value()));
    }

    @EventHandler
    void on(TagDeletedEvent event) {
        touchReferencing("tag:" + event.tagId().value());
    }

    @EventHandler
    void on(FormAnnotationCreatedEvent event) {
        touchLater(studiesOfForms, event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationUpdatedEvent event) {
        touchLater(studiesOfForms, event.formAnnotationId().value());
        touchReferencing("form:" + event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationDeactivatedEvent event) {
        touchLater(studiesOfForms, event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationReactivatedEvent event) {
        touchLater(studiesOfForms, event.formAnnotationId().value());
    }

    private void touchObject(TaggedObject object) {
        switch (object.type()) {
            case Study -> touch(object.id());
            case FormAnnotation -> touchLater(studiesOfForms, object.id());
            default -> {
                // image, segmentation and legacy tags are not part of study documents
            }
        }
    }
}
