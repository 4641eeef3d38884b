package dev.macula.query.analytics;

import dev.macula.api.analytics.AnalyticsMessages.ActivityBuckets;
import dev.macula.api.analytics.AnalyticsMessages.Bucket;
import dev.macula.api.analytics.AnalyticsMessages.FindActivityBucketsQuery;
import dev.macula.api.analytics.AnalyticsMessages.FindTaskAnalyticsQuery;
import dev.macula.api.analytics.AnalyticsMessages.TaskAnalytics;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import dev.macula.api.tasks.TaskId;
import dev.macula.query.history.QueryInstants;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Grading analytics (docs/analytics.md), for any signed-in user:
 * {@code GET /api/analytics/tasks/{task_id}[?as_of=]} and
 * {@code GET /api/analytics/activity?since=&until=&bucket=&actor_id=} (others' activity for admins
 * only, as in the activity feed).
 */
@RestController
class AnalyticsQueryController {

    static final String AS_OF_HEADER = "Macula-As-Of";
    /** Without {@code since}: this long before {@code until}. */
    private static final Duration DEFAULT_SPAN = Duration.ofDays(30);

    private final QueryGateway queries;
    private final TimeTravel timeTravel;

    AnalyticsQueryController(QueryGateway queries, TimeTravel timeTravel) {
        this.queries = queries;
        this.timeTravel = timeTravel;
    }

    @GetMapping("/api/analytics/tasks/{task_id}")
    ResponseEntity<TaskAnalytics> task(@PathVariable("task_id") long taskId,
                                       @RequestParam(name = "as_of", required = false) String asOf) {
        Long position = asOf == null ? null
                : timeTravel.resolve(AsOf.parse(asOf), asOf, List.of("query", AsOf.PARAMETER));
        TaskAnalytics analytics = taskId <= 0 ? null : queries.query(new FindTaskAnalyticsQuery(TaskId.of(taskId), position),
                ResponseTypes.instanceOf(TaskAnalytics.class)).join();
        if (analytics == null) {
            throw ApiException.notFound("Task not found");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (position != null) {
            answer.header(AS_OF_HEADER, Long.toString(position));
        }
        return answer.body(analytics);
    }

    @GetMapping("/api/analytics/activity")
    ActivityBuckets activity(@RequestParam(name = "since", required = false) String since,
                             @RequestParam(name = "until", required = false) String until,
                             @RequestParam(name = "bucket", required = false) String bucket,
                             @RequestParam(name = "actor_id", required = false) String actorId,
                             @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        Bucket size = bucket == null ? Bucket.day : LaxValues.queryEnum("bucket", bucket, Bucket.class);
        Long actor = actorId == null ? null
                : LaxValues.queryLong("actor_id", actorId, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        Instant end = until == null ? Instant.now() : QueryInstants.parse("until", until);
        Instant start = since == null ? end.minus(DEFAULT_SPAN) : QueryInstants.parse("since", since);
        if (!start.isBefore(end)) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("query", "until"),
                    "Value error, until must be after since", until == null ? end.toString() : until));
        }
        if (!user.isAdmin() && (actor == null || actor != user.id())) {
            throw ApiException.forbidden("Admin role required to read other users' activity; "
                    + "ask for your own with actor_id=" + user.id());
        }
        return queries.query(new FindActivityBucketsQuery(start, end, size, actor), ActivityBuckets.class).join();
    }
}
