package dev.macula.query.analytics;

import dev.macula.api.analytics.AnalyticsMessages.Actor;
import dev.macula.api.analytics.AnalyticsMessages.ActivityBuckets;
import dev.macula.api.analytics.AnalyticsMessages.ActorSeries;
import dev.macula.api.analytics.AnalyticsMessages.BucketCounts;
import dev.macula.api.analytics.AnalyticsMessages.FindActivityBucketsQuery;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.forms.FormAnnotationMessages;
import dev.macula.api.segmentation.SegmentationMessages;
import dev.macula.api.tagging.TagLinkEvents;
import dev.macula.api.tasks.SubTaskMessages.SubTaskStateChangedEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analytics/activity}: actions per actor per time bucket, counted in SQL on the event
 * store with the activity feed's indexes (timestamp; actor and position). The kind of an action is
 * its event type: tags = tag link events (attach, comment, detach) on any object; forms = form
 * annotation events; masks = grader segmentation events (metadata and data writes); sub-task
 * transitions = sub-task state changes. Events of other types and events without an actor are not
 * counted; buckets without actions are left out.
 */
@Component
class ActivityQueryHandler {

    private static final String TAGS = TagLinkEvents.class.getName() + "$";
    private static final String FORMS = FormAnnotationMessages.class.getName() + "$";
    private static final String MASKS = SegmentationMessages.class.getName() + "$";
    private static final String TRANSITIONS = SubTaskStateChangedEvent.class.getName();

    private final JdbcTemplate jdbc;

    ActivityQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    ActivityBuckets handle(FindActivityBucketsQuery query) {
        List<Object> args = new ArrayList<>(List.of(query.bucket().name(), MessageMetadata.ACTOR_NAME,
                TAGS, FORMS, MASKS, TRANSITIONS,
                DateTimeUtils.formatInstant(query.since()), DateTimeUtils.formatInstant(query.until()),
                TAGS, FORMS, MASKS, TRANSITIONS));
        String actorFilter = "";
        if (query.actorId() != null) {
            actorFilter = " and macula_event_actor_id(metadata) = ?";
            args.add(query.actorId());
        }
        Map<Long, ActorSeries> series = new LinkedHashMap<>();
        jdbc.query("""
                select a.actor_id, a.bucket_start, coalesce(u.username, a.actor_name) as name,
                       a.tags, a.forms, a.masks, a.transitions
                from (select macula_event_actor_id(metadata) as actor_id,
                             date_trunc(?, timestamp::timestamptz at time zone 'UTC') as bucket_start,
                             max(convert_from(metadata, 'UTF8')::jsonb ->> ?) as actor_name,
                             count(*) filter (where starts_with(payloadtype, ?)) as tags,
                             count(*) filter (where starts_with(payloadtype, ?)) as forms,
                             count(*) filter (where starts_with(payloadtype, ?)) as masks,
                             count(*) filter (where payloadtype = ?) as transitions
                      from domainevententry
                      where timestamp >= ? and timestamp < ?
                        and (starts_with(payloadtype, ?) or starts_with(payloadtype, ?) or starts_with(payloadtype, ?)
                             or payloadtype = ?)""" + actorFilter + """
                      group by 1, 2) a
                left join app_user u on u.id = a.actor_id
                where a.actor_id is not null
                order by a.actor_id, a.bucket_start""", rs -> {
            long actor = rs.getLong("actor_id");
            String name = rs.getString("name");
            series.computeIfAbsent(actor, id -> new ActorSeries(new Actor(id, name), new ArrayList<>()))
                    .buckets().add(new BucketCounts(rs.getObject("bucket_start", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            rs.getLong("tags"), rs.getLong("forms"), rs.getLong("masks"), rs.getLong("transitions")));
        }, args.toArray());
        return new ActivityBuckets(query.bucket(), query.since(), query.until(), List.copyOf(series.values()));
    }
}
