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
}
