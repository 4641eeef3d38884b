package dev.macula.api.analytics;

/** Queries on grading analytics (issue 15). */
public final class AnalyticsMessages {

    private AnalyticsMessages() {
    }

    /**
     * A task's grading analytics: sub-tasks per state, per-grader throughput and timings, completion
     * times and inter-grader agreement, as of {@code asOfPosition} (null: now). Answer: a
     * {@code com.fasterxml.jackson.databind.JsonNode} of the shape {@code GET /api/analytics/tasks/{id}}
     * returns; null when the task does not exist (at that position).
     */
    public record FindTaskAnalyticsQuery(long taskId, Long asOfPosition) {
    }
}
