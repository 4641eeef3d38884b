package dev.macula.command.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.identity.UserCommands.StarTagCommand;
import dev.macula.api.identity.UserCommands.UnstarTagCommand;
import dev.macula.api.tagging.TagCommands.CreateTagCommand;
import dev.macula.api.tagging.TagCommands.DeleteTagCommand;
import dev.macula.api.tagging.TagCommands.UpdateTagCommand;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Writes on tag definitions and stars (docs/api.md §3.8). Reads are in the query side. */
@RestController
@RequestMapping("/api/tags")
class TagCommandController {

    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 256;
    private static final String NOT_FOUND = "Tag not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;

    TagCommandController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
    }

    @PostMapping
    TagView create(JsonBody body,
                   @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        String name = body.requiredString("name", MAX_NAME);
        TagType tagType = body.requiredEnum("tag_type", TagType.class);
        String description = body.requiredString("description", MAX_DESCRIPTION);
        body.validate();
        TagId tagId = TagId.of(ids.next(TagId.TYPE));
        commands.send(new CreateTagCommand(tagId, name, tagType, description, user.userId()));
        return find(tagId);
    }

    @PatchMapping("/{tag_id}")
    TagView update(@PathVariable("tag_id") long tagId, JsonBody body) {
        String name = body.optionalString("name", MAX_NAME);
        TagType tagType = body.optionalEnum("tag_type", TagType.class);
        String description = body.optionalString("description", MAX_DESCRIPTION);
        body.validate();
        TagId id = tagId(tagId);
        commands.send(new UpdateTagCommand(id, name, tagType, description), NOT_FOUND);
        return find(id);
    }

    @DeleteMapping("/{tag_id}")
    ResponseEntity<Void> delete(@PathVariable("tag_id") long tagId) {
        commands.send(new DeleteTagCommand(tagId(tagId)), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{tag_id}/star")
    ResponseEntity<Void> star(@PathVariable("tag_id") long tagId,
                              @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        TagId id = tagId(tagId);
        find(id); // 404 for an unknown tag; a star on a tag deleted meanwhile is dropped by the read model
        commands.send(new StarTagCommand(user.userId(), id));
        return ResponseEntity.noContent().build();
    }

    /** Idempotent, and no 404 for an unknown tag (docs/api.md §3.8). */
    @DeleteMapping("/{tag_id}/star")
    ResponseEntity<Void> unstar(@PathVariable("tag_id") long tagId,
                                @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        if (tagId > 0) {
            commands.send(new UnstarTagCommand(user.userId(), TagId.of(tagId)));
        }
        return ResponseEntity.noContent().build();
    }

    private TagView find(TagId tagId) {
        TagView view = queries.query(new FindTagQuery(tagId), ResponseTypes.instanceOf(TagView.class)).join();
        if (view == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return view;
    }

    private static TagId tagId(long raw) {
        if (raw <= 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return TagId.of(raw);
    }
}
