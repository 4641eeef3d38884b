package dev.macula.command.tagging;

import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.AttachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.ChangeFormAnnotationTagCommentCommand;
import dev.macula.api.forms.FormAnnotationMessages.DetachFormAnnotationTagCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeInstanceTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeStudyTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.DetachStudyTagCommand;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.ChangeSegmentationTagCommentCommand;
import dev.macula.api.segmentation.SegmentationMessages.DetachSegmentationTagCommand;
import dev.macula.api.tagging.TagType;
import dev.macula.command.tagging.TagLinkEndpoints.LinkCommands;

/**
 * The link commands of each kind of tagged object, in one place: the tag endpoints of images, studies,
 * segmentations and form annotations and the tag-link restorer of a rollback send the same commands.
 */
public final class TagLinkCommands {

    private TagLinkCommands() {
    }

    /**
     * @param tagger who a new link names as its tagger (null for comment and detach requests, which
     *               never create a link)
     */
    public static LinkCommands of(TagType type, long id, UserId tagger) {
        return switch (type) {
            case ImageInstance -> new LinkCommands(type, "ImageInstance not found",
                    (tag, comment) -> new AttachInstanceTagCommand(InstanceId.of(id), tag, tagger, comment),
                    (tag, comment) -> new ChangeInstanceTagCommentCommand(InstanceId.of(id), tag, comment),
                    tag -> new DetachInstanceTagCommand(InstanceId.of(id), tag));
            case Study -> new LinkCommands(type, "Study not found",
                    (tag, comment) -> new AttachStudyTagCommand(StudyId.of(id), tag, tagger, comment),
                    (tag, comment) -> new ChangeStudyTagCommentCommand(StudyId.of(id), tag, comment),
                    tag -> new DetachStudyTagCommand(StudyId.of(id), tag));
            case Segmentation -> new LinkCommands(type, "Segmentation not found",
                    (tag, comment) -> new AttachSegmentationTagCommand(SegmentationId.of(id), tag, tagger, comment),
                    (tag, comment) -> new ChangeSegmentationTagCommentCommand(SegmentationId.of(id), tag, comment),
                    tag -> new DetachSegmentationTagCommand(SegmentationId.of(id), tag));
            case FormAnnotation -> new LinkCommands(type, "FormAnnotation not found",
                    (tag, comment) -> new AttachFormAnnotationTagCommand(FormAnnotationId.of(id), tag, tagger, comment),
                    (tag, comment) -> new ChangeFormAnnotationTagCommentCommand(FormAnnotationId.of(id), tag, comment),
                    tag -> new DetachFormAnnotationTagCommand(FormAnnotationId.of(id), tag));
            case Annotation -> throw new IllegalArgumentException("no object of type Annotation takes tags");
        };
    }
}
