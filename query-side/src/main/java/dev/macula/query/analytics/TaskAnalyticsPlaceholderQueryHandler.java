package dev.macula.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.api.analytics.AnalyticsMessages.FindTaskAnalyticsQuery;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.history.TimeTravel;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TEMPORARY PLACEHOLDER (issue 15 item 4): a minimal answer to {@link FindTaskAnalyticsQuery} so the
 * report can be built and tested before the real analytics handler (item 3, branch {@code analytics})
 * lands; the lead deletes this class when merging that one. Sub-tasks per state from the read model;
 * per grader the Busy → Ready transitions found in {@code subtask_history} (the actor from the event
 * that made each one); no edits per sub-task and no agreement.
 */
@Component
class TaskAnalyticsPlaceholderQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TimeTravel timeTravel;

    TaskAnalyticsPlaceholderQueryHandler(JdbcTemplate jdbc, TimeTravel timeTravel) {
        this.jdbc = jdbc;
        this.timeTravel = timeTravel;
    }

    @QueryHandler
    JsonNode handle(FindTaskAnalyticsQuery query) {
        Long position = query.asOfPosition();
        return position == null ? analytics(query.taskId(), null)
                : timeTravel.at(position, () -> analytics(query.taskId(), position));
    }

    private record Transition(long subtaskId, String state, Instant at, long actorId, String actorName) {
    }

    private record Completion(long actorId, String actorName, Instant at, double seconds) {
    }

    private ObjectNode analytics(long taskId, Long position) {
        List<String> names = jdbc.queryForList("select name from task where id = ?", String.class, taskId);
        if (names.isEmpty()) {
            return null;
        }
        ObjectNode answer = JSON.createObjectNode().put("task_id", taskId).put("task_name", names.getFirst());
        answer.set("as_of", position == null ? JSON.nullNode() : JSON.getNodeFactory().numberNode(position));
        ObjectNode byState = JSON.createObjectNode();
        long[] total = {0};
        jdbc.query("select task_state, count(*) as n from subtask where task_id = ? group by task_state order by 1", rs -> {
            byState.put(rs.getString("task_state"), rs.getLong("n"));
            total[0] += rs.getLong("n");
        }, taskId);
        answer.putObject("subtasks").put("total", total[0]).set("by_state", byState);
        List<Completion> completions = completions(transitions(taskId, position));
        answer.set("graders", graders(completions));
        ArrayNode seconds = answer.putArray("completion_seconds");
        completions.forEach(c -> seconds.add(c.seconds()));
        ObjectNode agreement = answer.putObject("agreement");
        agreement.putArray("form_fields");
        agreement.putArray("tags");
        agreement.putArray("segmentations");
        return answer;
    }

    /** Every recorded version of the task's sub-tasks, with when and by whom it was made, in order. */
    private List<Transition> transitions(long taskId, Long position) {
        return jdbc.query("""
                        select h.id, h.task_state, e.timestamp,
                               convert_from(e.metadata, 'UTF8')::jsonb ->> ? as actor_id,
                               convert_from(e.metadata, 'UTF8')::jsonb ->> ? as actor_name
                        from public.subtask_history h join domainevententry e on e.globalindex = h.valid_from
                        where h.task_id = ? and h.valid_from <= ?
                        order by h.id, h.valid_from""",
                (rs, row) -> new Transition(rs.getLong("id"), rs.getString("task_state"),
                        Instant.parse(rs.getString("timestamp")),
                        rs.getString("actor_id") == null ? 0 : Long.parseLong(rs.getString("actor_id")),
                        rs.getString("actor_name")),
                MessageMetadata.ACTOR_ID, MessageMetadata.ACTOR_NAME, taskId, position == null ? Long.MAX_VALUE : position);
    }

    /** The last Busy → Ready of each sub-task that is Ready at the end. */
    private static List<Completion> completions(List<Transition> transitions) {
        Map<Long, Completion> last = new LinkedHashMap<>();
        Map<Long, Instant> busySince = new HashMap<>();
        Map<Long, String> state = new HashMap<>();
        for (Transition t : transitions) {
            String before = state.put(t.subtaskId(), t.state());
            if (t.state().equals(before)) {
                continue;
            }
            if (t.state().equals("Busy")) {
                busySince.put(t.subtaskId(), t.at());
            } else if (t.state().equals("Ready") && busySince.containsKey(t.subtaskId())) {
                last.put(t.subtaskId(), new Completion(t.actorId(), t.actorName(), t.at(),
                        Duration.between(busySince.get(t.subtaskId()), t.at()).toMillis() / 1000.0));
            }
        }
        state.forEach((id, s) -> {
            if (!s.equals("Ready")) {
                last.remove(id);
            }
        });
        return List.copyOf(last.values());
    }

    private static ArrayNode graders(List<Completion> completions) {
        Map<Long, List<Completion>> byGrader = new TreeMap<>();
        completions.forEach(c -> byGrader.computeIfAbsent(c.actorId(), id -> new ArrayList<>()).add(c));
        ArrayNode graders = JSON.createArrayNode();
        byGrader.forEach((id, done) -> {
            ObjectNode grader = graders.addObject().put("id", id).put("name", done.getFirst().actorName())
                    .put("subtasks_done", done.size());
            List<Double> seconds = done.stream().map(Completion::seconds).sorted().toList();
            grader.putObject("busy_to_ready_seconds").put("median", quantile(seconds, 0.5)).put("p90", quantile(seconds, 0.9));
            grader.putNull("edits_per_subtask");
            Map<String, Integer> perDay = new TreeMap<>();
            done.forEach(c -> perDay.merge(c.at().atZone(ZoneOffset.UTC).toLocalDate().toString(), 1, Integer::sum));
            ArrayNode days = grader.putArray("done_per_day");
            perDay.forEach((date, count) -> days.addObject().put("date", date).put("count", count));
        });
        return graders;
    }

    /** Linear interpolation between the closest ranks, of sorted values. */
    private static double quantile(List<Double> sorted, double q) {
        double rank = q * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    }
}
