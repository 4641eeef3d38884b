package dev.macula.infra.rollback;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserView;
import dev.macula.infra.axon.ActorMetadataInterceptor;
import dev.macula.infra.jobs.JobRunner;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Rolling back one grader's work (issue 14): {@code POST /api/admin/rollbacks} with
 * {@code {"actor_id", "since", "until"?, "dry_run"? (true), "force"? (false)}} starts a background job
 * (kind {@code rollback}, one at a time) and answers 202 {@code {"task_id"}}; {@code GET /api/jobs/{task_id}}
 * shows its progress and {@code GET /api/admin/rollbacks/{task_id}} its outcome per object. Admins only
 * (the security configuration guards {@code /api/admin/**}).
 */
@RestController
class RollbackController {

    static final String KIND = "rollback";

    private final JobRunner jobs;
    private final RollbackJob rollback;
    private final RollbackRecords records;
    private final TimeTravel timeTravel;
    private final QueryGateway queries;

    RollbackController(JobRunner jobs, RollbackJob rollback, RollbackRecords records, TimeTravel timeTravel,
                       QueryGateway queries) {
        this.jobs = jobs;
        this.rollback = rollback;
        this.records = records;
        this.timeTravel = timeTravel;
        this.queries = queries;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Started(UUID taskId) {
    }

    @PostMapping("/api/admin/rollbacks")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started start(JsonBody body, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser admin) {
        RollbackRequest request = read(body);
        String requestId = MDC.get(ActorMetadataInterceptor.REQUEST_ID_MDC);
        UUID id = jobs.startIfIdle(KIND, admin.id(), taskId -> records.insert(taskId, request),
                        tracker -> rollback.run(tracker.id(), request, admin, requestId, tracker))
                .orElseThrow(() -> ApiException.conflict("A rollback is running; start the next one when it has finished"));
        return new Started(id);
    }

    @GetMapping("/api/admin/rollbacks/{task_id}")
    RollbackView result(@PathVariable("task_id") String taskId) {
        UUID id;
        try {
            id = UUID.fromString(taskId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Rollback not found");
        }
        RollbackView view = records.find(id);
        if (view == null) {
            throw ApiException.notFound("Rollback not found");
        }
        return view;
    }

    private RollbackRequest read(JsonBody body) {
        Long actorId = body.requiredInt("actor_id");
        String since = body.requiredString("since", 64);
        String until = body.optionalString("until", 64);
        boolean dryRun = body.bool("dry_run", true);
        boolean force = body.bool("force", false);
        body.validate();
        Instant from = instant(since, "since");
        Instant to = until == null ? null : instant(until, "until");
        if (to != null && !to.isAfter(from)) {
            throw invalid("until", until, "until must be after since");
        }
        UserView actor = queries.query(new FindUserQuery(UserId.of(actorId)), ResponseTypes.instanceOf(UserView.class))
                .join();
        if (actor == null) {
            throw invalid("actor_id", actorId, "no user has the id " + actorId);
        }
        return new RollbackRequest(actorId, from, to, dryRun, force);
    }

    /** An ISO-8601 instant as {@code as_of} takes it; not in the future, nor before the read models' history. */
    private Instant instant(String raw, String field) {
        List<Object> loc = List.of("body", field);
        if (!(AsOf.parse(raw, loc) instanceof AsOf.At at)) {
            throw invalid(field, raw, "expected an ISO-8601 instant (2026-12-06T14:05:20.123Z)");
        }
        if (field.equals("since")) {
            timeTravel.resolve(at, raw, loc);
        }
        return at.instant();
    }

    private static RequestValidationException invalid(String field, Object raw, String why) {
        return new RequestValidationException(ValidationError.of("value_error", List.of("body", field),
                "Value error, " + why, raw));
    }
}
