package dev.macula.infra.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.EntityId;
import dev.macula.api.history.ActivityEntry;
import dev.macula.api.history.HistoryMessages.ActivityFeed;
import dev.macula.api.history.HistoryMessages.FindActivityQuery;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.tagging.TagLinkRestorer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds what one actor changed in a time window, from the event store: the activity feed's query
 * (actor and timestamp filters on {@code domainevententry}, walked by the V17 indexes) read page by
 * page. Tag-link events make the link an object of its own; every other event makes its aggregate one.
 */
@Component
class ChangedObjects {

    /** Feed page size: the feed's maximum. */
    private static final int PAGE = 1000;
    /** The history names of the link events ({@code TagAttachedEvent} → {@code TagAttached}). */
    static final Set<String> TAG_LINK_EVENTS = Set.copyOf(Stream.of(TagAttachedEvent.class, TagCommentChangedEvent.class,
            TagDetachedEvent.class).map(type -> type.getSimpleName().replaceFirst("Event$", "")).toList());

    private final QueryGateway queries;
    private final JdbcTemplate jdbc;

    ChangedObjects(QueryGateway queries, JdbcTemplate jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /** In the order of the actor's first change to each. */
    List<ChangedObject> of(long actorId, Instant since, Instant until) {
        Map<String, Builder> found = new LinkedHashMap<>();
        Long after = 0L;
        while (after != null) {
            ActivityFeed page = queries.query(new FindActivityQuery(actorId, since, until, null, after, PAGE),
                    ActivityFeed.class).join();
            page.events().forEach(event -> add(event, found));
            after = page.next();
        }
        return found.values().stream().map(Builder::build).toList();
    }

    /**
     * The last position stamped before {@code since}: the moment objects are restored to. Rounded as
     * the feed's {@code since} is (a sub-millisecond instant rounds up), so no event is both in the
     * window and before it.
     */
    long positionBefore(Instant since) {
        Instant millis = since.truncatedTo(ChronoUnit.MILLIS);
        String stamp = DateTimeUtils.formatInstant(millis.equals(since) ? millis : millis.plusMillis(1));
        Long position = jdbc.queryForObject("select max(globalindex) from domainevententry where timestamp < ?",
                Long.class, stamp);
        return position == null ? 0 : position;
    }

    private static void add(ActivityEntry event, Map<String, Builder> found) {
        if (event.entityId() == null) {
            return; // not an object of the API
        }
        String aggregate = EntityId.aggregateIdentifier(event.entityType(), event.entityId());
        long position = event.entry().position();
        TagLinkRestorer.Link link = TAG_LINK_EVENTS.contains(event.entry().type()) ? link(event.entry().payload()) : null;
        String entityType = link == null ? event.entityType() : TagLinkRestorer.ENTITY_TYPE;
        String entityId = link == null ? Long.toString(event.entityId()) : link.entityId();
        found.computeIfAbsent(entityType + "/" + entityId,
                key -> new Builder(entityType, entityId, aggregate, link, position)).positions.add(position);
    }

    /** The link of a TagAttached/TagCommentChanged/TagDetached payload (snake_case, as the history shows it). */
    static TagLinkRestorer.Link link(JsonNode payload) {
        JsonNode object = payload.path("object");
        return new TagLinkRestorer.Link(TagId.of(payload.path("tag_id").asLong()),
                new TaggedObject(TagType.valueOf(object.path("type").asText()), object.path("id").asLong()));
    }

    private static final class Builder {
        private final String entityType;
        private final String entityId;
        private final String aggregate;
        private final TagLinkRestorer.Link link;
        private final long first;
        private final Set<Long> positions = new LinkedHashSet<>();

        Builder(String entityType, String entityId, String aggregate, TagLinkRestorer.Link link, long first) {
            this.entityType = entityType;
            this.entityId = entityId;
            this.aggregate = aggregate;
            this.link = link;
            this.first = first;
        }

        ChangedObject build() {
            return new ChangedObject(entityType, entityId, aggregate, link, first, Set.copyOf(positions));
        }
    }
}
