package dev.macula.projection.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.NameKey;
import dev.macula.api.tagging.TagEvents.TagCreatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagRestoredEvent;
import dev.macula.api.tagging.TagEvents.TagDescriptionChangedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagEvents.TagTypeChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The {@code tag} read model (plus dropping {@code tag_link} rows of deleted tags). Subscribing, in
 * the command's transaction: it is where the set-based rules live — (name, type) unique
 * case- and accent-insensitively, and no type change while links exist — so a violation rolls
 * the command back with a 409 instead of storing an event that breaks them.
 */
@Component
@ProcessingGroup(TagProjection.GROUP)
@InlineReadModel(tables = {"tag_link", "tag"})
class TagProjection {

    static final String GROUP = "tags";

    private final JdbcTemplate jdbc;

    TagProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TagCreatedEvent event, @Timestamp Instant at) {
        try {
            jdbc.update("""
                    insert into tag (id, name, name_key, tag_type, description, creator_id, date_inserted)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                    event.tagId().value(), event.name(), NameKey.of(event.name()), event.tagType().name(),
                    event.description(), event.creatorId().value(), Times.seconds(at));
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name(), event.tagType());
        }
    }

    @EventHandler
    void on(TagRestoredEvent event) {
        try {
            jdbc.update("""
                    insert into tag (id, name, name_key, tag_type, description, creator_id, date_inserted)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                    event.tagId().value(), event.name(), NameKey.of(event.name()), event.tagType().name(),
                    event.description(), event.creatorId().value(), Times.utc(event.dateInserted()));
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name(), event.tagType());
        }
    }

    @EventHandler
    void on(TagRenamedEvent event) {
        try {
            jdbc.update("update tag set name = ?, name_key = ? where id = ?",
                    event.name(), NameKey.of(event.name()), event.tagId().value());
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name(), currentType(event.tagId().value()));
        }
    }

    @EventHandler
    void on(TagDescriptionChangedEvent event) {
        jdbc.update("update tag set description = ? where id = ?", event.description(), event.tagId().value());
    }

    @EventHandler
    void on(TagTypeChangedEvent event) {
        Integer links = jdbc.queryForObject("select count(*) from tag_link where tag_id = ?", Integer.class,
                event.tagId().value());
        if (links != null && links > 0) {
            throw ApiException.conflict("Tag is attached to " + links + " object(s); its tag_type cannot change");
        }
        try {
            jdbc.update("update tag set tag_type = ? where id = ?", event.to().name(), event.tagId().value());
        } catch (DuplicateKeyException e) {
            String name = jdbc.queryForObject("select name from tag where id = ?", String.class, event.tagId().value());
            throw duplicate(name, event.to());
        }
    }

    @EventHandler
    void on(TagDeletedEvent event) {
        jdbc.update("delete from tag_link where tag_id = ?", event.tagId().value());
        jdbc.update("delete from tag where id = ?", event.tagId().value());
    }

    @EventHandler
    void on(TagAttachedEvent event, @Timestamp Instant at) {
        // a link to a tag deleted in the meantime is dropped: the tag row is the reference
        jdbc.update("""
                insert into tag_link (tag_id, object_type, object_id, tagger_id, comment, date_inserted)
                select id, ?, ?, ?, ?, ? from tag where id = ? on conflict do nothing""",
                event.object().type().name(), event.object().id(), event.taggerId().value(), event.comment(),
                Times.seconds(at), event.tagId().value());
    }

    @EventHandler
    void on(TagCommentChangedEvent event) {
        jdbc.update("update tag_link set comment = ? where tag_id = ? and object_type = ? and object_id = ?",
                event.comment(), event.tagId().value(), event.object().type().name(), event.object().id());
    }

    @EventHandler
    void on(TagDetachedEvent event) {
        jdbc.update("delete from tag_link where tag_id = ? and object_type = ? and object_id = ?",
                event.tagId().value(), event.object().type().name(), event.object().id());
    }

    private TagType currentType(long tagId) {
        return TagType.valueOf(jdbc.queryForObject("select tag_type from tag where id = ?", String.class, tagId));
    }

    private static ApiException duplicate(String name, TagType type) {
        return ApiException.conflict("A tag named '" + name + "' of type " + type + " already exists");
    }
}
