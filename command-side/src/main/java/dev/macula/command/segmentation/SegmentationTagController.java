package dev.macula.command.segmentation;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.ChangeSegmentationTagCommentCommand;
import dev.macula.api.segmentation.SegmentationMessages.DetachSegmentationTagCommand;
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

/** Tags on segmentations with comments like every other object (§9.2 item 16), plus the new PATCH. */
@RestController
class SegmentationTagController {

    private static final String NOT_FOUND = "Segmentation not found";

    private final TagLinkEndpoints links;

    SegmentationTagController(TagLinkEndpoints links) {
        this.links = links;
    }

    @PostMapping("/api/segmentations/{segmentation_id}/tags")
    TagMeta attach(@PathVariable("segmentation_id") long id, JsonBody body,
                   @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        AttachBody request = links.attachBody(body);
        TaggedObject object = segmentation(id);
        links.requireTagOfType(request.tagId(), TagType.Segmentation);
        return links.sendAndRead(new AttachSegmentationTagCommand(SegmentationId.of(id), request.tagId(), user.userId(),
                request.comment()), object, request.tagId());
    }

    @PatchMapping("/api/segmentations/{segmentation_id}/tags/{tag_id}")
    TagMeta comment(@PathVariable("segmentation_id") long id, @PathVariable("tag_id") long tagId, JsonBody body) {
        String comment = links.commentBody(body);
        TaggedObject object = segmentation(id);
        TagId tag = TagLinkEndpoints.tagId(tagId);
        links.requireTagOfType(tag, TagType.Segmentation);
        return links.sendAndRead(new ChangeSegmentationTagCommentCommand(SegmentationId.of(id), tag, comment), object, tag);
    }

    @DeleteMapping("/api/segmentations/{segmentation_id}/tags/{tag_id}")
    ResponseEntity<Void> detach(@PathVariable("segmentation_id") long id, @PathVariable("tag_id") long tagId) {
        segmentation(id);
        if (tagId > 0) {
            links.send(new DetachSegmentationTagCommand(SegmentationId.of(id), TagId.of(tagId)));
        }
        return ResponseEntity.noContent().build();
    }

    private TaggedObject segmentation(long id) {
        TaggedObject object = new TaggedObject(TagType.Segmentation, id);
        links.requireObject(object, "segmentation", NOT_FOUND);
        return object;
    }
}
