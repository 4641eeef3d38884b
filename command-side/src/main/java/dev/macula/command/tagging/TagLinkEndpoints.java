package dev.macula.command.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.JsonBody;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagQueries.FindTagLinkQuery;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.common.CommandDispatcher;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The checks and answers every "tags on an object" endpoint shares (docs/api.md §3.2, docs/api.md §3.3): the
 * object must exist, the tag must exist and be of the object's type; the answer is the link's TagMeta.
 */
@Component
public class TagLinkEndpoints {

    static final int MAX_COMMENT = 256;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final TagLookups lookups;

    TagLinkEndpoints(CommandDispatcher commands, QueryGateway queries, TagLookups lookups) {
        this.commands = commands;
        this.queries = queries;
        this.lookups = lookups;
    }

    /** Body of POST: {@code {"tag_id", "comment"?}}. */
    public record AttachBody(TagId tagId, String comment) {
    }

    public AttachBody attachBody(JsonBody body) {
        Long tagId = body.requiredInt("tag_id");
        String comment = body.optionalString("comment", MAX_COMMENT);
        body.validate();
        return new AttachBody(tagId(tagId), comment);
    }

    public String commentBody(JsonBody body) {
        String comment = body.optionalString("comment", MAX_COMMENT);
        body.validate();
        return comment;
    }

    /** 404 "<Object> not found" unless the read model has the object. */
    public void requireObject(TaggedObject object, String notFound) {
        if (!lookups.objectExists(object)) {
            throw ApiException.notFound(notFound);
        }
    }

    /** 404 "Tag not found", 400 "Tag type must be …". */
    public void requireTagOfType(TagId tagId, TagType type) {
        TagView tag = queries.query(new FindTagQuery(tagId), ResponseTypes.instanceOf(TagView.class)).join();
        if (tag == null) {
            throw ApiException.notFound("Tag not found");
        }
        if (tag.tagType() != type) {
            throw ApiException.badRequest("Tag type must be " + type);
        }
    }

    /** Sends the command, then answers the link as it now is. */
    public TagMeta sendAndRead(Object command, TaggedObject object, TagId tagId) {
        commands.send(command);
        TagMeta link = queries.query(new FindTagLinkQuery(object, tagId), ResponseTypes.instanceOf(TagMeta.class)).join();
        if (link == null) {
            throw ApiException.notFound("Link not found");
        }
        return link;
    }

    public void send(Object command) {
        commands.send(command);
    }

    /**
     * How one kind of tagged object turns link requests into its own commands. The functions run only
     * after the object was found, so they may build its typed id from the raw one.
     */
    public record LinkCommands(TagType type, String notFound,
                               java.util.function.BiFunction<TagId, String, Object> attach,
                               java.util.function.BiFunction<TagId, String, Object> comment,
                               java.util.function.Function<TagId, Object> detach) {
    }

    /** POST …/tags: {@code {"tag_id", "comment"?}} → TagMeta. */
    public TagMeta attach(long objectId, JsonBody body, LinkCommands commands) {
        AttachBody request = attachBody(body);
        TaggedObject object = new TaggedObject(commands.type(), objectId);
        requireObject(object, commands.notFound());
        requireTagOfType(request.tagId(), commands.type());
        return sendAndRead(commands.attach().apply(request.tagId(), request.comment()), object, request.tagId());
    }

    /** PATCH …/tags/{tag_id}: {@code {"comment"}} → TagMeta; 404 "Link not found" without a link. */
    public TagMeta comment(long objectId, long tagId, JsonBody body, LinkCommands commands) {
        String comment = commentBody(body);
        TaggedObject object = new TaggedObject(commands.type(), objectId);
        requireObject(object, commands.notFound());
        TagId tag = tagId(tagId);
        requireTagOfType(tag, commands.type());
        return sendAndRead(commands.comment().apply(tag, comment), object, tag);
    }

    /** DELETE …/tags/{tag_id}: idempotent; only the object must exist. */
    public void detach(long objectId, long tagId, LinkCommands commands) {
        requireObject(new TaggedObject(commands.type(), objectId), commands.notFound());
        if (tagId > 0) {
            send(commands.detach().apply(TagId.of(tagId)));
        }
    }

    public static TagId tagId(Long raw) {
        if (raw == null || raw <= 0) {
            throw ApiException.notFound("Tag not found");
        }
        return TagId.of(raw);
    }
}
