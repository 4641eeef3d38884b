package dev.macula.command.imaging;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeInstanceTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeStudyTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.DetachStudyTagCommand;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.tagging.TagLinkEndpoints;
import dev.macula.command.tagging.TagLinkEndpoints.AttachBody;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Tags on images and studies (contract §3.2, §3.3); each change is an event of the tagged object. */
@RestController
class ObjectTagController {

    private static final String NO_IMAGE = "ImageInstance not found";
    private static final String NO_STUDY = "Study not found";

    private final TagLinkEndpoints links;

    ObjectTagController(TagLinkEndpoints links) {
        this.links = links;
    }

    @PostMapping("/api/instances/{instance_id}/tags")
    TagMeta attachToImage(@PathVariable("instance_id") long instanceId, JsonBody body,
                          @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        AttachBody request = links.attachBody(body);
        TaggedObject image = image(instanceId);
        links.requireTagOfType(request.tagId(), TagType.ImageInstance);
        return links.sendAndRead(new AttachInstanceTagCommand(InstanceId.of(instanceId), request.tagId(),
                user.userId(), request.comment()), image, request.tagId());
    }

    @PatchMapping("/api/instances/{instance_id}/tags/{tag_id}")
    TagMeta commentOnImage(@PathVariable("instance_id") long instanceId, @PathVariable("tag_id") long tagId,
                           JsonBody body) {
        String comment = links.commentBody(body);
        TaggedObject image = image(instanceId);
        TagId tag = TagLinkEndpoints.tagId(tagId);
        links.requireTagOfType(tag, TagType.ImageInstance);
        return links.sendAndRead(new ChangeInstanceTagCommentCommand(InstanceId.of(instanceId), tag, comment), image, tag);
    }

    @DeleteMapping("/api/instances/{instance_id}/tags/{tag_id}")
    ResponseEntity<Void> detachFromImage(@PathVariable("instance_id") long instanceId,
                                         @PathVariable("tag_id") long tagId) {
        image(instanceId);
        if (tagId > 0) {
            links.send(new DetachInstanceTagCommand(InstanceId.of(instanceId), TagId.of(tagId)));
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/studies/{study_id}/tags")
    TagMeta attachToStudy(@PathVariable("study_id") long studyId, JsonBody body,
                          @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        AttachBody request = links.attachBody(body);
        TaggedObject study = study(studyId);
        links.requireTagOfType(request.tagId(), TagType.Study);
        return links.sendAndRead(new AttachStudyTagCommand(StudyId.of(studyId), request.tagId(), user.userId(),
                request.comment()), study, request.tagId());
    }

    @PatchMapping("/api/studies/{study_id}/tags/{tag_id}")
    TagMeta commentOnStudy(@PathVariable("study_id") long studyId, @PathVariable("tag_id") long tagId,
                           JsonBody body) {
        String comment = links.commentBody(body);
        TaggedObject study = study(studyId);
        TagId tag = TagLinkEndpoints.tagId(tagId);
        links.requireTagOfType(tag, TagType.Study);
        return links.sendAndRead(new ChangeStudyTagCommentCommand(StudyId.of(studyId), tag, comment), study, tag);
    }

    @DeleteMapping("/api/studies/{study_id}/tags/{tag_id}")
    ResponseEntity<Void> detachFromStudy(@PathVariable("study_id") long studyId, @PathVariable("tag_id") long tagId) {
        study(studyId);
        if (tagId > 0) {
            links.send(new DetachStudyTagCommand(StudyId.of(studyId), TagId.of(tagId)));
        }
        return ResponseEntity.noContent().build();
    }

    private TaggedObject image(long id) {
        TaggedObject object = new TaggedObject(TagType.ImageInstance, id);
        links.requireObject(object, "image_instance", NO_IMAGE);
        return object;
    }

    private TaggedObject study(long id) {
        TaggedObject object = new TaggedObject(TagType.Study, id);
        links.requireObject(object, "study", NO_STUDY);
        return object;
    }
}
