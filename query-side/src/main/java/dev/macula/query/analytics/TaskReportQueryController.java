package dev.macula.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.analytics.AnalyticsMessages.FindTaskAnalyticsQuery;
import dev.macula.api.analytics.AnalyticsMessages.TaskAnalytics;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.common.ApiException;
import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/analytics/tasks/{task_id}/report[?as_of=]}: the task report as one self-contained HTML
 * page ({@link TaskReport}), made from the same query {@code GET /api/analytics/tasks/{task_id}} answers
 * with. {@code as_of} follows the time machine's rules (422 when unparsable, in the future or beyond
 * the newest event; 404 when the task did not exist then); the header {@code Macula-As-Of} names the
 * position shown.
 */
@RestController
class TaskReportQueryController {

    static final String AS_OF_HEADER = "Macula-As-Of";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final QueryGateway queries;
    private final TimeTravel timeTravel;
    /** The analytics as their JSON endpoint writes them: the report reads that shape. */
    private final ObjectMapper json;

    TaskReportQueryController(QueryGateway queries, TimeTravel timeTravel, ObjectMapper json) {
        this.queries = queries;
        this.timeTravel = timeTravel;
        this.json = json;
    }

    @GetMapping("/api/analytics/tasks/{task_id}/report")
    ResponseEntity<String> report(@PathVariable("task_id") long taskId,
                                  @RequestParam(name = AsOf.PARAMETER, required = false) String asOf) {
        Long position = asOf == null ? null
                : timeTravel.resolve(AsOf.parse(asOf), asOf, List.of("query", AsOf.PARAMETER));
        TaskAnalytics found = taskId <= 0 ? null : queries.query(new FindTaskAnalyticsQuery(TaskId.of(taskId), position),
                ResponseTypes.instanceOf(TaskAnalytics.class)).join();
        if (found == null) {
            throw ApiException.notFound("Task not found");
        }
        JsonNode analytics = json.valueToTree(found);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(HTML);
        if (position != null) {
            answer.header(AS_OF_HEADER, Long.toString(position));
        }
        return answer.body(TaskReport.render(analytics));
    }
}
