package dev.macula.query.analytics;

import dev.macula.api.analytics.AnalyticsMessages.DayCount;
import dev.macula.api.analytics.AnalyticsMessages.Spread;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.query.analytics.SubTaskTransitions.Transition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-grader timings from sub-task transitions (position order), by these rules:
 * <ul>
 *   <li>busy → ready: a transition into Ready by grader g, preceded on the same sub-task by a
 *       transition into Busy (the latest one since the sub-task last left Busy), gives g one duration
 *       from that Busy to this Ready; a move to NotStarted forgets the Busy.</li>
 *   <li>done per day: g's transitions into Ready per UTC day.</li>
 *   <li>sub-tasks done: sub-tasks Ready now whose last transition was g's move into Ready.</li>
 *   <li>completion: per sub-task Ready now that was ever Busy, first Busy → last Ready.</li>
 * </ul>
 */
final class GraderTimings {

    private final Map<Long, List<Double>> busyToReady = new HashMap<>();
    private final Map<Long, TreeMap<LocalDate, Long>> readyPerDay = new HashMap<>();
    private final Map<Long, Long> done = new HashMap<>();
    private final List<Double> completion = new ArrayList<>();
    private final TreeSet<Long> graders = new TreeSet<>();
    /** Sub-task → the graders who changed its state. */
    private final Map<Long, TreeSet<Long>> gradersOfSubTask = new HashMap<>();

    /**
     * @param transitions in position order
     * @param readyNow    the sub-tasks whose state is Ready at the moment of the answer
     */
    GraderTimings(List<Transition> transitions, java.util.Set<Long> readyNow) {
        Map<Long, Instant> busySince = new HashMap<>();
        Map<Long, Instant> firstBusy = new HashMap<>();
        Map<Long, Transition> last = new HashMap<>();
        for (Transition t : transitions) {
            last.put(t.subTaskId(), t);
            if (t.actorId() != null) {
                graders.add(t.actorId());
                gradersOfSubTask.computeIfAbsent(t.subTaskId(), id -> new TreeSet<>()).add(t.actorId());
            }
            switch (t.to()) {
                case Busy -> {
                    busySince.put(t.subTaskId(), t.at());
                    firstBusy.putIfAbsent(t.subTaskId(), t.at());
                }
                case NotStarted -> busySince.remove(t.subTaskId());
                case Ready -> {
                    Instant since = busySince.remove(t.subTaskId());
                    if (t.actorId() != null) {
                        if (since != null) {
                            busyToReady.computeIfAbsent(t.actorId(), id -> new ArrayList<>()).add(seconds(since, t.at()));
                        }
                        readyPerDay.computeIfAbsent(t.actorId(), id -> new TreeMap<>())
                                .merge(LocalDate.ofInstant(t.at(), ZoneOffset.UTC), 1L, Long::sum);
                    }
                }
            }
        }
        for (long subTask : readyNow) {
            Transition finished = last.get(subTask);
            if (finished == null || finished.to() != SubTaskState.Ready) {
                continue;
            }
            if (finished.actorId() != null) {
                done.merge(finished.actorId(), 1L, Long::sum);
            }
            if (firstBusy.containsKey(subTask)) {
                completion.add(seconds(firstBusy.get(subTask), finished.at()));
            }
        }
        completion.sort(null);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Everyone who changed a sub-task's state, by id. */
    TreeSet<Long> graders() {
        return graders;
    }

    Map<Long, TreeSet<Long>> gradersOfSubTask() {
        return gradersOfSubTask;
    }

    /** The sub-tasks grader g changed the state of. */
    List<Long> subTasksOf(long grader) {
        return gradersOfSubTask.entrySet().stream().filter(e -> e.getValue().contains(grader)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    long done(long grader) {
        return done.getOrDefault(grader, 0L);
    }

    Spread busyToReady(long grader) {
        List<Double> values = new ArrayList<>(busyToReady.getOrDefault(grader, List.of()));
        values.sort(null);
        return new Spread(Percentiles.of(values, 0.5), Percentiles.of(values, 0.9));
    }

    List<DayCount> donePerDay(long grader) {
        return readyPerDay.getOrDefault(grader, new TreeMap<>()).entrySet().stream()
                .map(day -> new DayCount(day.getKey(), day.getValue())).toList();
    }

    List<Double> completionSeconds() {
        return completion;
    }
}
