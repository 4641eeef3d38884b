package dev.macula.query.analytics;

import dev.macula.api.analytics.AnalyticsMessages.Agreement;
import dev.macula.api.analytics.AnalyticsMessages.FindTaskAnalyticsQuery;
import dev.macula.api.analytics.AnalyticsMessages.GraderStats;
import dev.macula.api.analytics.AnalyticsMessages.SubTaskCounts;
import dev.macula.api.analytics.AnalyticsMessages.TaskAnalytics;
import dev.macula.api.common.EntityId;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.history.TimeTravel;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.query.analytics.SubTaskTransitions.Transition;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code GET /api/analytics/tasks/{task_id}}: a replay of the task's sub-task transitions from the
 * event store plus the read models (forms, tags, masks), all as of one position: inside
 * {@link TimeTravel#at} the read models are those of the position, and event reads stop at it.
 * Live (no position) reads the current read models and every event.
 */
@Component
class TaskAnalyticsQueryHandler {

    private final JdbcTemplate jdbc;
    private final TimeTravel timeTravel;
    private final SubTaskTransitions transitions;
    private final AgreementReader agreement;

    TaskAnalyticsQueryHandler(JdbcTemplate jdbc, TimeTravel timeTravel, SubTaskTransitions transitions,
                              AgreementReader agreement) {
        this.jdbc = jdbc;
        this.timeTravel = timeTravel;
        this.transitions = transitions;
        this.agreement = agreement;
    }

    @QueryHandler
    TaskAnalytics handle(FindTaskAnalyticsQuery query) {
        long taskId = query.taskId().value();
        return query.asOf() == null ? analytics(taskId, Long.MAX_VALUE, null)
                : timeTravel.at(query.asOf(), () -> analytics(taskId, query.asOf(), query.asOf()));
    }

    private TaskAnalytics analytics(long taskId, long upTo, Long asOf) {
        String name = jdbc.queryForList("select name from task where id = ?", String.class, taskId).stream()
                .findFirst().orElse(null);
        if (name == null) {
            return null;
        }
        Map<Long, SubTaskState> states = new TreeMap<>();
        jdbc.query("select id, task_state from subtask where task_id = ?",
                rs -> { states.put(rs.getLong("id"), SubTaskState.valueOf(rs.getString("task_state"))); }, taskId);
        Set<Long> readyNow = new HashSet<>();
        states.forEach((id, state) -> {
            if (state == SubTaskState.Ready) {
                readyNow.add(id);
            }
        });
        List<Transition> history = transitions.of(states.keySet(), upTo);
        GraderTimings timings = new GraderTimings(history, readyNow);
        Map<Long, String> names = graderNames(timings.graders(), history);
        List<GraderStats> graders = new ArrayList<>();
        for (long grader : timings.graders()) {
            graders.add(new GraderStats(grader, names.get(grader), timings.done(grader), timings.busyToReady(grader),
                    editsPerSubTask(grader, timings.subTasksOf(grader), upTo), timings.donePerDay(grader)));
        }
        return new TaskAnalytics(taskId, name, asOf, counts(states), graders, timings.completionSeconds(),
                new Agreement(agreement.formFields(taskId), agreement.tags(gradersOfImage(taskId, timings)),
                        agreement.segmentations(taskId)));
    }

    private static SubTaskCounts counts(Map<Long, SubTaskState> states) {
        Map<String, Long> byState = new LinkedHashMap<>();
        for (SubTaskState state : SubTaskState.values()) {
            byState.put(state.name(), states.values().stream().filter(state::equals).count());
        }
        return new SubTaskCounts(states.size(), byState);
    }

    /** The user's name as of the moment; the name the events carry for a user no longer there. */
    private Map<Long, String> graderNames(Set<Long> graders, List<Transition> history) {
        Map<Long, String> names = new HashMap<>();
        history.forEach(t -> {
            if (t.actorId() != null && t.actorName() != null) {
                names.put(t.actorId(), t.actorName());
            }
        });
        if (!graders.isEmpty()) {
            jdbc.query("select id, username from app_user where id = any(string_to_array(?, ',')::bigint[])",
                    rs -> { names.put(rs.getLong("id"), rs.getString("username")); }, AgreementReader.joined(graders));
        }
        return names;
    }

    /**
     * Edits per sub-task: the grader's events (up to the moment) on the sub-tasks they changed the
     * state of and on the form annotations and segmentations attached to those sub-tasks, divided by
     * the number of those sub-tasks.
     */
    private Double editsPerSubTask(long grader, List<Long> subTasks, long upTo) {
        if (subTasks.isEmpty()) {
            return null;
        }
        String ids = AgreementReader.joined(subTasks);
        List<String> aggregates = new ArrayList<>(subTasks.stream().map(id -> SubTaskId.of(id).toString()).toList());
        Stream.concat(
                jdbc.queryForList("select id from form_annotation where sub_task_id = any(string_to_array(?, ',')::bigint[])",
                        Long.class, ids).stream().map(id -> EntityId.aggregateIdentifier(FormAnnotationId.TYPE, id)),
                jdbc.queryForList("select id from segmentation where subtask_id = any(string_to_array(?, ',')::bigint[])",
                        Long.class, ids).stream().map(id -> EntityId.aggregateIdentifier(SegmentationId.TYPE, id)))
                .forEach(aggregates::add);
        Long edits = jdbc.queryForObject("""
                select count(*) from domainevententry
                where macula_event_actor_id(metadata) = ? and globalindex <= ?
                  and aggregateidentifier = any(string_to_array(?, ','))""",
                Long.class, grader, upTo, String.join(",", aggregates));
        return (double) edits / subTasks.size();
    }

    /** Image → the graders of the task's sub-tasks that hold it. */
    private Map<Long, Set<Long>> gradersOfImage(long taskId, GraderTimings timings) {
        Map<Long, Set<Long>> graders = new TreeMap<>();
        jdbc.query("""
                select si.subtask_id, si.image_instance_id from subtask_image si join subtask s on s.id = si.subtask_id
                where s.task_id = ?""", rs -> {
            TreeSet<Long> ofSubTask = timings.gradersOfSubTask().get(rs.getLong("subtask_id"));
            if (ofSubTask != null) {
                graders.computeIfAbsent(rs.getLong("image_instance_id"), id -> new TreeSet<>()).addAll(ofSubTask);
            }
        }, taskId);
        return graders;
    }
}
