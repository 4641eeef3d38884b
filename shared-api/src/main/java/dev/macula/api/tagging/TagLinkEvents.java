package dev.macula.api.tagging;

import dev.macula.api.identity.UserId;
import org.axonframework.serialization.Revision;

/**
 * Links of tags to objects. They are events of the tagged object's aggregate (an image, a study,
 * later segmentations and forms), never of the tag, so a popular tag's stream stays short.
 */
public final class TagLinkEvents {

    private TagLinkEvents() {
    }

    @Revision("1")
    public record TagAttachedEvent(TaggedObject object, TagId tagId, UserId taggerId, String comment) {
    }

    @Revision("1")
    public record TagCommentChangedEvent(TaggedObject object, TagId tagId, String comment) {
    }

    @Revision("1")
    public record TagDetachedEvent(TaggedObject object, TagId tagId) {
    }
}
