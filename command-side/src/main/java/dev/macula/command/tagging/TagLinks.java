package dev.macula.command.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TaggedObject;

import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tag links of one tagged object: an {@code @AggregateMember} of that object's aggregate, which
 * sources its own state from the link events. Decides which event a link command causes, with the
 * original's idempotent semantics (docs/api.md §3.2, docs/api.md §9.1 item 8).
 */
public final class TagLinks {

    /** Tag → comment (null when none). */
    private final Map<TagId, String> comments = new HashMap<>();

    /** New link; an existing one only has its comment replaced, and only by a non-null comment. */
    public Optional<Object> attach(TaggedObject object, TagId tagId, UserId tagger, String comment) {
        if (!comments.containsKey(tagId)) {
            return Optional.of(new TagAttachedEvent(object, tagId, tagger, comment));
        }
        return changeComment(object, tagId, comment);
    }

    /** 404 "Link not found" when there is no link; a null comment changes nothing. */
    public Optional<Object> patch(TaggedObject object, TagId tagId, String comment) {
        if (!comments.containsKey(tagId)) {
            throw ApiException.notFound("Link not found");
        }
        return changeComment(object, tagId, comment);
    }

    /** Idempotent: no link, no event. */
    public Optional<Object> detach(TaggedObject object, TagId tagId) {
        return comments.containsKey(tagId) ? Optional.of(new TagDetachedEvent(object, tagId)) : Optional.empty();
    }

    private Optional<Object> changeComment(TaggedObject object, TagId tagId, String comment) {
        if (comment == null || Objects.equals(comment, comments.get(tagId))) {
            return Optional.empty();
        }
        return Optional.of(new TagCommentChangedEvent(object, tagId, comment));
    }

    @EventSourcingHandler
    public void on(TagAttachedEvent event) {
        comments.put(event.tagId(), event.comment());
    }

    @EventSourcingHandler
    public void on(TagCommentChangedEvent event) {
        comments.put(event.tagId(), event.comment());
    }

    @EventSourcingHandler
    public void on(TagDetachedEvent event) {
        comments.remove(event.tagId());
    }
}
