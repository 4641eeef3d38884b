package dev.macula.api.tagging;

import dev.macula.api.identity.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a tag definition. Links live on the tagged objects, stars on users (docs/architecture.md, Messages and identity). */
public final class TagCommands {

    private TagCommands() {
    }

    public record CreateTagCommand(@TargetAggregateIdentifier TagId tagId, String name, TagType tagType,
                                   String description, UserId creatorId) {
    }

    /** PATCH semantics: a null field means "leave unchanged". */
    public record UpdateTagCommand(@TargetAggregateIdentifier TagId tagId, String name, TagType tagType,
                                   String description) {
    }

    public record DeleteTagCommand(@TargetAggregateIdentifier TagId tagId) {
    }

    /**
     * Brings a deleted tag back (a revert) as it was, original creator and insertion date included. Its
     * links and stars, dropped with the deletion, stay dropped.
     */
    public record RestoreTagCommand(@TargetAggregateIdentifier TagId tagId, String name, TagType tagType,
                                    String description, UserId creatorId, java.time.LocalDateTime dateInserted) {
    }
}
