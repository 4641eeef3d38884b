package dev.macula.query.analytics;

import dev.macula.api.analytics.AnalyticsMessages.DayCount;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.query.analytics.SubTaskTransitions.Transition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rules of {@link GraderTimings} and {@link RatingTable} on small hand-made histories. */
class GradingReplayTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Transition at(long position, long subTask, long seconds, long actor, SubTaskState to) {
        return new Transition(position, subTask, T0.plusSeconds(seconds), actor, "user" + actor, to);
    }

    /**
     * Sub-task 1: grader 4 Busy at 0, Ready at 100, reopened Busy by 9 at 200, Ready by 9 at 500.
     * Sub-task 2: grader 4 Busy at 50, back to NotStarted at 60, Ready (never Busy again) at 86 460
     * (next day). Sub-task 3: grader 9 Busy at 10 and still Busy.
     */
    @Test
    void timingsFollowTheTransitionsInOrder() {
        List<Transition> transitions = List.of(
                at(1, 1, 0, 4, SubTaskState.Busy),
                at(2, 3, 10, 9, SubTaskState.Busy),
                at(3, 2, 50, 4, SubTaskState.Busy),
                at(4, 2, 60, 4, SubTaskState.NotStarted),
                at(5, 1, 100, 4, SubTaskState.Ready),
                at(6, 1, 200, 9, SubTaskState.Busy),
                at(7, 1, 500, 9, SubTaskState.Ready),
                at(8, 2, 86_460, 4, SubTaskState.Ready));

        GraderTimings timings = new GraderTimings(transitions, Set.of(1L, 2L));

        assertThat(timings.graders()).containsExactly(4L, 9L);
        // 4's only Busy → Ready is 0 → 100; sub-task 2's Busy was forgotten by the move to NotStarted
        assertThat(timings.busyToReady(4).median()).isEqualTo(100.0);
        assertThat(timings.busyToReady(9).p90()).isEqualTo(300.0);
        // sub-task 1 was finished last by 9; sub-task 2 by 4
        assertThat(timings.done(4)).isEqualTo(1);
        assertThat(timings.done(9)).isEqualTo(1);
        assertThat(timings.donePerDay(4)).containsExactly(new DayCount(LocalDate.parse("2026-12-01"), 1),
                new DayCount(LocalDate.parse("2026-12-02"), 1));
        // sub-task 1: first Busy 0 → last Ready 500; sub-task 2: first Busy 50 → Ready 86 460
        assertThat(timings.completionSeconds()).containsExactly(500.0, 86_410.0);
        assertThat(timings.subTasksOf(9)).containsExactly(1L, 3L);
        assertThat(timings.busyToReady(7).median()).isNull();
    }

    /** Three graders on three images, one image by only two: Fleiss on the three, one excluded. */
    @Test
    void unequalRaterCountsUseTheMostCommonCount() {
        RatingTable table = new RatingTable();
        for (long image = 1; image <= 3; image++) {
            for (long grader = 1; grader <= 3; grader++) {
                table.rate(image, grader, image == 3 && grader == 3 ? "b" : "a");
            }
        }
        table.rate(4, 1, "a");
        table.rate(4, 2, "b");
        table.rate(5, 1, "a"); // one rater: not an item

        RatingTable.Result result = table.result();

        assertThat(result.method()).isEqualTo("fleiss");
        assertThat(result.items()).isEqualTo(3);
        assertThat(result.itemsExcluded()).isEqualTo(1);
        assertThat(result.graders()).containsExactly(1L, 2L, 3L);
        // P_i = 1, 1, 1/3 → P̄ = 7/9; p_a = 8/9, p_b = 1/9 → P̄_e = 65/81; kappa = (63/81 − 65/81)/(16/81) = −1/8
        assertThat(result.kappa()).isCloseTo(-0.125, within(1e-12));
    }

    @Test
    void twoGradersGiveCohenAndNoItemGivesNothing() {
        RatingTable table = new RatingTable();
        table.rate(1, 4, "x");
        table.rate(1, 9, "x");
        table.rate(2, 4, "y");
        table.rate(2, 9, "x");
        assertThat(table.result()).isEqualTo(new RatingTable.Result("cohen", Kappa.cohen(List.of(
                new String[]{"x", "x"}, new String[]{"y", "x"})), 2, List.of(4L, 9L), 0));

        RatingTable lonely = new RatingTable();
        lonely.rate(1, 4, "x");
        assertThat(lonely.result()).isNull();
    }
}
