package dev.macula.command.segmentation;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.command.tagging.TagLinkCommands;
import dev.macula.command.tagging.TagLinkEndpoints;
import dev.macula.command.tagging.TagLinkEndpoints.LinkCommands;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Tags on segmentations with comments like every other object (docs/api.md §9.2 item 16), plus the new PATCH. */
@RestController
class SegmentationTagController {

    private final TagLinkEndpoints links;

    SegmentationTagController(TagLinkEndpoints links) {
        this.links = links;
    }

    private static LinkCommands segmentation(long id, CurrentUser user) {
        return TagLinkCommands.of(TagType.Segmentation, id, user == null ? null : user.userId());
    }

    @PostMapping("/api/segmentations/{segmentation_id}/tags")
    TagMeta attach(@PathVariable("segmentation_id") long id, JsonBody body,
                   @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        return links.attach(id, body, segmentation(id, user));
    }

    @PatchMapping("/api/segmentations/{segmentation_id}/tags/{tag_id}")
    TagMeta comment(@PathVariable("segmentation_id") long id, @PathVariable("tag_id") long tagId, JsonBody body) {
        return links.comment(id, tagId, body, segmentation(id, null));
    }

    @DeleteMapping("/api/segmentations/{segmentation_id}/tags/{tag_id}")
    ResponseEntity<Void> detach(@PathVariable("segmentation_id") long id, @PathVariable("tag_id") long tagId) {
        links.detach(id, tagId, segmentation(id, null));
        return ResponseEntity.noContent().build();
    }
}
