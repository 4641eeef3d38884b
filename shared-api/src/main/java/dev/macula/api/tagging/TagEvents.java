package dev.macula.api.tagging;

import dev.macula.api.identity.UserId;
import org.axonframework.serialization.Revision;

/** Facts about tag definitions. When they happened and who did it travel in the event's metadata. */
public final class TagEvents {

    private TagEvents() {
    }

    @Revision("1")
    public record TagCreatedEvent(TagId tagId, String name, TagType tagType, String description, UserId creatorId) {
    }

    @Revision("1")
    public record TagRenamedEvent(TagId tagId, String name) {
    }

    @Revision("1")
    public record TagDescriptionChangedEvent(TagId tagId, String description) {
    }

    @Revision("1")
    public record TagTypeChangedEvent(TagId tagId, TagType from, TagType to) {
    }

    @Revision("1")
    public record TagDeletedEvent(TagId tagId) {
    }

    /** A deleted tag is back (a revert), as it was; its old links and stars are not. */
    @Revision("1")
    public record TagRestoredEvent(TagId tagId, String name, TagType tagType, String description, UserId creatorId,
                                   java.time.LocalDateTime dateInserted) {
    }
}
