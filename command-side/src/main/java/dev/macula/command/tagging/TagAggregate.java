package dev.macula.command.tagging;

import dev.macula.api.tagging.TagCommands.CreateTagCommand;
import dev.macula.api.tagging.TagCommands.DeleteTagCommand;
import dev.macula.api.tagging.TagCommands.RestoreTagCommand;
import dev.macula.api.tagging.TagEvents.TagRestoredEvent;
import dev.macula.api.tagging.TagCommands.UpdateTagCommand;
import dev.macula.api.tagging.TagEvents.TagCreatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagDescriptionChangedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagEvents.TagTypeChangedEvent;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagType;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static dev.macula.command.common.Deletion.refuseIfDeleted;

/**
 * A tag definition. It knows nothing of the objects it is attached to: links live on those objects
 * and stars on users, so this stream stays short however popular the tag (docs/architecture.md, Messages and identity). Name
 * uniqueness per type and "no type change while linked" are set-based rules, enforced by the
 * {@code tag} read model inside the same transaction.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class TagAggregate {

    @AggregateIdentifier
    private TagId tagId;
    private String name;
    private TagType tagType;
    private String description;
    private boolean deleted;

    protected TagAggregate() {
        // for Axon
    }

    @CommandHandler
    public TagAggregate(CreateTagCommand command) {
        apply(new TagCreatedEvent(command.tagId(), command.name(), command.tagType(), command.description(),
                command.creatorId()));
    }

    /** Emits one event per field that really changes; a PATCH that changes nothing leaves no trace. */
    @CommandHandler
    public void handle(UpdateTagCommand command) {
        refuseIfDeleted(deleted, tagId);
        if (command.name() != null && !command.name().equals(name)) {
            apply(new TagRenamedEvent(tagId, command.name()));
        }
        if (command.description() != null && !command.description().equals(description)) {
            apply(new TagDescriptionChangedEvent(tagId, command.description()));
        }
        if (command.tagType() != null && command.tagType() != tagType) {
            apply(new TagTypeChangedEvent(tagId, tagType, command.tagType()));
        }
    }

    @CommandHandler
    public void handle(DeleteTagCommand command) {
        refuseIfDeleted(deleted, tagId);
        apply(new TagDeletedEvent(tagId));
    }

    /** A revert brings a deleted tag back; a live one is changed with updates instead. */
    @CommandHandler
    public void handle(RestoreTagCommand command) {
        if (deleted) {
            apply(new TagRestoredEvent(tagId, command.name(), command.tagType(), command.description(),
                    command.creatorId(), command.dateInserted()));
        }
    }

    @EventSourcingHandler
    void on(TagCreatedEvent event) {
        tagId = event.tagId();
        name = event.name();
        tagType = event.tagType();
        description = event.description();
    }

    @EventSourcingHandler
    void on(TagRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(TagDescriptionChangedEvent event) {
        description = event.description();
    }

    @EventSourcingHandler
    void on(TagTypeChangedEvent event) {
        tagType = Objects.requireNonNull(event.to());
    }

    @EventSourcingHandler
    void on(TagDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(TagRestoredEvent event) {
        deleted = false;
        name = event.name();
        tagType = event.tagType();
        description = event.description();
    }
}
