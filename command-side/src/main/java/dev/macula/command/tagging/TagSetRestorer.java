package dev.macula.command.tagging;

import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagQueries.FindTagLinksQuery;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.common.ReadModel;
import dev.macula.command.tagging.TagLinkEndpoints.LinkCommands;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tag set of any tagged object, for reverts and rollbacks: reads it with the live link query and
 * turns the difference between two sets into the object's ordinary attach, comment and detach
 * commands ({@link TagLinkCommands}, as the tag endpoints send them). A link to a tag that no longer exists cannot come back and is skipped; a comment that
 * was null then (which a comment change cannot set) comes back by detaching and attaching again.
 */
@Component
public class TagSetRestorer {

    private final QueryGateway queries;
    private final TagLookups lookups;

    TagSetRestorer(QueryGateway queries, TagLookups lookups) {
        this.queries = queries;
        this.lookups = lookups;
    }

    /** The object's links as its GET lists them (as of a position when run inside {@code TimeTravel.at}). */
    public List<TagMeta> read(TaggedObject object) {
        return queries.query(new FindTagLinksQuery(object), ResponseTypes.multipleInstancesOf(TagMeta.class)).join();
    }

    /** Whether the tagged object exists in the read models. */
    public boolean exists(TaggedObject object) {
        return lookups.objectExists(object);
    }

    /** Commands that turn the links {@code now} into {@code past}; empty when they agree. */
    public List<Object> commands(TaggedObject object, List<TagMeta> past, List<TagMeta> now) {
        Map<Long, TagMeta> current = byTag(now);
        Map<Long, TagMeta> wanted = byTag(past);
        LinkCommands links = TagLinkCommands.of(object.type(), object.id(), null);
        List<Object> commands = new ArrayList<>();
        current.keySet().stream().filter(tag -> !wanted.containsKey(tag))
                .forEach(tag -> commands.add(links.detach().apply(TagId.of(tag))));
        for (TagMeta link : wanted.values()) {
            TagMeta there = current.get(link.id());
            TagId tag = TagId.of(link.id());
            if (there == null) {
                if (lookups.exists(ReadModel.TAG, link.id())) {
                    commands.add(attach(object, tag, link));
                }
            } else if (!Objects.equals(there.comment(), link.comment())) {
                if (link.comment() == null) {
                    commands.add(links.detach().apply(tag));
                    commands.add(attach(object, tag, link));
                } else {
                    commands.add(links.comment().apply(tag, link.comment()));
                }
            }
        }
        return commands;
    }

    private static Map<Long, TagMeta> byTag(List<TagMeta> links) {
        Map<Long, TagMeta> map = new LinkedHashMap<>();
        links.forEach(link -> map.put(link.id(), link));
        return map;
    }

    /** Attached again in the name of whoever attached it then. */
    private static Object attach(TaggedObject object, TagId tag, TagMeta link) {
        UserId tagger = link.tagger() == null ? null : UserId.of(link.tagger().id());
        return TagLinkCommands.of(object.type(), object.id(), tagger).attach().apply(tag, link.comment());
    }
}
