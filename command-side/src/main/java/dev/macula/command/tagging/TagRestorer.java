package dev.macula.command.tagging;

import dev.macula.api.tagging.TagCommands.DeleteTagCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagCommands.RestoreTagCommand;
import dev.macula.api.tagging.TagCommands.UpdateTagCommand;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagView;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * A tag's name and description as they were ({@code POST /api/tags/{id}/revert}); a deleted tag comes
 * back (its links and stars do not: they went with the deletion, and belong to other objects).
 */
@Component
public class TagRestorer extends StateRestorer<TagView> {

    private final QueryGateway queries;

    TagRestorer(RestoreSupport support, QueryGateway queries) {
        super(support);
        this.queries = queries;
    }

    @Override
    public String entityType() {
        return TagId.TYPE;
    }

    @Override
    protected TagView read(long id) {
        return id <= 0 ? null
                : queries.query(new FindTagQuery(TagId.of(id)), ResponseTypes.instanceOf(TagView.class)).join();
    }

    @Override
    protected List<Object> commands(long id, TagView past, TagView now) {
        TagId tag = TagId.of(id);
        if (now == null) {
            return List.of(new RestoreTagCommand(tag, past.name(), past.tagType(), past.description(),
                    past.creator() == null ? null : UserId.of(past.creator().id()), past.dateInserted()));
        }
        String name = Objects.equals(past.name(), now.name()) ? null : past.name();
        String description = Objects.equals(past.description(), now.description()) ? null : past.description();
        return name == null && description == null ? List.of()
                : List.of(new UpdateTagCommand(tag, name, null, description));
    }

    @Override
    protected List<Object> removal(long id, TagView now) {
        return List.of(new DeleteTagCommand(TagId.of(id)));
    }

    @Override
    protected String notFound() {
        return "Tag not found";
    }

    @Override
    protected String kind() {
        return "Tag";
    }
}
