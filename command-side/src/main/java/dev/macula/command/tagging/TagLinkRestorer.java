package dev.macula.command.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagQueries.FindTagLinkQuery;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.tagging.TagLinkEndpoints.LinkCommands;
import dev.macula.command.timetravel.ObjectRestorer.Outcome;
import dev.macula.command.timetravel.RestoreSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings one tag link — (tag, kind of object, object) — back to what it was at a position: attached
 * or not, with the tagger and comment it had then. The rollback of one grader's work treats each link
 * as an object of its own, so restoring a grader's link leaves the other links of the same image
 * alone. Like an {@link dev.macula.command.timetravel.ObjectRestorer}, but keyed by a {@link Link}
 * rather than a number. Restores with the ordinary link commands, so it is history too.
 * <p>
 * The link commands cannot set a comment back to none nor change a tagger (attach keeps an existing
 * link's tagger; a null comment changes nothing), so in those cases the link is detached and attached
 * again; its date then becomes the restore's.
 */
@Component
public class TagLinkRestorer {

    /** The entity type a rollback names tag links by. */
    public static final String ENTITY_TYPE = "tag-link";

    private final RestoreSupport support;
    private final QueryGateway queries;

    TagLinkRestorer(RestoreSupport support, QueryGateway queries) {
        this.support = support;
        this.queries = queries;
    }

    /**
     * One tag link; its entity id is {@code "<tag id>:<object type>:<object id>"} with the object type
     * as the API writes tag types, e.g. {@code "12:ImageInstance:345"}.
     */
    public record Link(TagId tagId, TaggedObject object) {

        public String entityId() {
            return tagId.value() + ":" + object.type().name() + ":" + object.id();
        }

        /** @throws IllegalArgumentException unless {@code entityId} has the form of {@link #entityId()} */
        public static Link parse(String entityId) {
            String[] parts = entityId.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a tag link id: " + entityId);
            }
            return new Link(TagId.of(Long.parseLong(parts[0])),
                    new TaggedObject(TagType.valueOf(parts[1]), Long.parseLong(parts[2])));
        }
    }

    /**
     * @param metadata added to every command (the rollback's actor and id)
     * @throws ApiException 409 when the link must come back but its tag has been deleted since
     */
    public Outcome restore(Link link, long position, Map<String, Object> metadata, boolean dryRun) {
        TagMeta then = support.then(position, () -> read(link));
        TagMeta now = read(link);
        if (same(then, now)) {
            return Outcome.UNCHANGED;
        }
        if (dryRun) {
            return Outcome.WOULD_RESTORE;
        }
        LinkCommands linkCommands = TagLinkCommands.of(link.object().type(), link.object().id(),
                then == null || then.tagger() == null ? null : UserId.of(then.tagger().id()));
        boolean reattach = then != null && now != null
                && (!Objects.equals(taggerId(then), taggerId(now)) || then.comment() == null);
        List<Object> toSend = new ArrayList<>();
        if (now != null && (then == null || reattach)) {
            toSend.add(linkCommands.detach().apply(link.tagId()));
        }
        if (then != null) {
            if (now == null || reattach) {
                requireTag(link.tagId());
                toSend.add(linkCommands.attach().apply(link.tagId(), then.comment()));
            } else {
                toSend.add(linkCommands.comment().apply(link.tagId(), then.comment()));
            }
        }
        support.sendAll(toSend, metadata, linkCommands.notFound());
        return Outcome.RESTORED;
    }

    private TagMeta read(Link link) {
        return queries.query(new FindTagLinkQuery(link.object(), link.tagId()), ResponseTypes.instanceOf(TagMeta.class))
                .join();
    }

    private void requireTag(TagId tagId) {
        TagView tag = queries.query(new FindTagQuery(tagId), ResponseTypes.instanceOf(TagView.class)).join();
        if (tag == null) {
            throw ApiException.conflict("Tag " + tagId.value() + " has been deleted since; its link cannot come back");
        }
    }

    /** The same link: both absent, or both present with the same tagger and comment (the date does not count). */
    private static boolean same(TagMeta then, TagMeta now) {
        if (then == null || now == null) {
            return then == now;
        }
        return Objects.equals(taggerId(then), taggerId(now)) && Objects.equals(then.comment(), now.comment());
    }

    private static Long taggerId(TagMeta link) {
        CreatorMeta tagger = link.tagger();
        return tagger == null ? null : tagger.id();
    }
}
