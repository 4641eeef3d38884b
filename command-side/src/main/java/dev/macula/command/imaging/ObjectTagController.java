package dev.macula.command.imaging;

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

/**
 * Tags on images and studies (docs/api.md §3.2, docs/api.md §3.3); each change is an event of the tagged object. The
 * typed ids are built inside the command functions, which run only once the object was found.
 */
@RestController
class ObjectTagController {

    private final TagLinkEndpoints links;

    ObjectTagController(TagLinkEndpoints links) {
        this.links = links;
    }

    private static LinkCommands image(long id, CurrentUser user) {
        return TagLinkCommands.of(TagType.ImageInstance, id, user == null ? null : user.userId());
    }

    private static LinkCommands study(long id, CurrentUser user) {
        return TagLinkCommands.of(TagType.Study, id, user == null ? null : user.userId());
    }

    @PostMapping("/api/instances/{instance_id}/tags")
    TagMeta attachToImage(@PathVariable("instance_id") long id, JsonBody body,
                          @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        return links.attach(id, body, image(id, user));
    }

    @PatchMapping("/api/instances/{instance_id}/tags/{tag_id}")
    TagMeta commentOnImage(@PathVariable("instance_id") long id, @PathVariable("tag_id") long tagId, JsonBody body) {
        return links.comment(id, tagId, body, image(id, null));
    }

    @DeleteMapping("/api/instances/{instance_id}/tags/{tag_id}")
    ResponseEntity<Void> detachFromImage(@PathVariable("instance_id") long id, @PathVariable("tag_id") long tagId) {
        links.detach(id, tagId, image(id, null));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/studies/{study_id}/tags")
    TagMeta attachToStudy(@PathVariable("study_id") long id, JsonBody body,
                          @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        return links.attach(id, body, study(id, user));
    }

    @PatchMapping("/api/studies/{study_id}/tags/{tag_id}")
    TagMeta commentOnStudy(@PathVariable("study_id") long id, @PathVariable("tag_id") long tagId, JsonBody body) {
        return links.comment(id, tagId, body, study(id, null));
    }

    @DeleteMapping("/api/studies/{study_id}/tags/{tag_id}")
    ResponseEntity<Void> detachFromStudy(@PathVariable("study_id") long id, @PathVariable("tag_id") long tagId) {
        links.detach(id, tagId, study(id, null));
        return ResponseEntity.noContent().build();
    }
}
