package dev.macula.api.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.tasks.TaskId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Grading analytics (issue 15 item 3): a read-only replay of the event store and the read models,
 * live or as of a position. {@code GET /api/analytics/tasks/{task_id}} answers {@link TaskAnalytics},
 * {@code GET /api/analytics/activity} answers {@link ActivityBuckets}. The definitions of every number
 * are in docs/analytics.md.
 */
public final class AnalyticsMessages {

    private AnalyticsMessages() {
    }

    /**
     * A task's analytics as of {@code asOf} (a resolved event position) or live when null. Answer:
     * {@link TaskAnalytics}, or null when the task did not exist then.
     */
    public record FindTaskAnalyticsQuery(TaskId taskId, Long asOf) {
    }

    /** @param asOf the position the numbers are as of; null for live */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"task_id", "task_name", "as_of", "subtasks", "graders", "completion_seconds", "agreement"})
    public record TaskAnalytics(long taskId, String taskName, Long asOf, SubTaskCounts subtasks,
                                List<GraderStats> graders, List<Double> completionSeconds, Agreement agreement) {
    }

    /** {@code byState}: every sub-task state the platform knows, in declaration order, zero included. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SubTaskCounts(long total, Map<String, Long> byState) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"id", "name", "subtasks_done", "busy_to_ready_seconds", "edits_per_subtask", "done_per_day"})
    public record GraderStats(long id, String name, long subtasksDone, Spread busyToReadySeconds,
                              Double editsPerSubtask, List<DayCount> donePerDay) {
    }

    /** Median and 90th percentile (linear interpolation between order statistics); null when no values. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Spread(Double median, Double p90) {
    }

    public record DayCount(LocalDate date, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Agreement(List<FieldAgreement> formFields, List<TagAgreement> tags,
                            List<SegmentationAgreement> segmentations) {
    }

    /**
     * @param method      {@code cohen} (two graders) or {@code fleiss} (more)
     * @param kappa       null when undefined (chance agreement 1, or no items)
     * @param items       the images the kappa was computed on
     * @param itemsExcluded images rated by two or more graders but by a different number than the
     *                    items used (Fleiss' kappa needs the same number of ratings per item)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"form_schema_id", "field", "method", "kappa", "items", "graders", "items_excluded"})
    public record FieldAgreement(long formSchemaId, String field, String method, Double kappa, int items,
                                 List<Long> graders, int itemsExcluded) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"tag_id", "tag", "method", "kappa", "items", "graders", "items_excluded"})
    public record TagAgreement(long tagId, String tag, String method, Double kappa, int items, List<Long> graders,
                               int itemsExcluded) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"feature_id", "feature", "dice_mean", "iou_mean", "items", "pairs"})
    public record SegmentationAgreement(long featureId, String feature, Double diceMean, Double iouMean, int items,
                                        List<PairOverlap> pairs) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PairOverlap(List<Long> graders, Double dice, Double iou, int items) {
    }

    /** Buckets are {@code hour}, {@code day} or {@code week} (weeks start on Monday, UTC). */
    public enum Bucket { hour, day, week }

    /**
     * Actions per actor per bucket of the events stamped in [{@code since}, {@code until}); {@code actorId}
     * null = everyone. Answer: {@link ActivityBuckets}.
     */
    public record FindActivityBucketsQuery(Instant since, Instant until, Bucket bucket, Long actorId) {
    }

    public record ActivityBuckets(Bucket bucket, Instant since, Instant until, List<ActorSeries> series) {
    }

    public record ActorSeries(Actor actor, List<BucketCounts> buckets) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Actor(long id, String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"start", "tags", "forms", "masks", "subtask_transitions"})
    public record BucketCounts(Instant start, long tags, long forms, long masks, long subtaskTransitions) {
    }
}
