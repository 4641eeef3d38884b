package dev.macula.infra.imaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.LaxValues;
import dev.macula.infra.jobs.JobRunner;
import dev.macula.projection.imaging.ThumbnailBackfill;
import dev.macula.projection.segmentation.InferenceRunner;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * {@code POST /api/import/update_thumbnails} (docs/api.md §5.6, fixed): queues the thumbnail backfill
 * and answers a TaskResponse whose {@code task_id} can be followed at {@code GET /api/jobs/{task_id}}.
 * {@code ?retry_failed=true} also retries images whose thumbnails failed before.
 */
@RestController
class ImportJobsController {

    static final String THUMBNAILS = "update-thumbnails";
    static final String INFERENCE = "inference";

    private final JobRunner jobs;
    private final ThumbnailBackfill backfill;
    private final InferenceRunner inference;

    ImportJobsController(JobRunner jobs, ThumbnailBackfill backfill, InferenceRunner inference) {
        this.jobs = jobs;
        this.backfill = backfill;
        this.inference = inference;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "message", "task_id", "error"})
    record TaskResponse(boolean success, String message, String taskId, String error) {
    }

    /** Runs the platform's segmentation model over colour fundus images not yet segmented by it (docs/api.md §5.6). */
    @PostMapping("/api/import/run_inference")
    TaskResponse runInference(@RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        try {
            UUID id = jobs.start(INFERENCE, user.id(), tracker -> inference.run(progress(tracker)));
            return new TaskResponse(true, "Inference task queued successfully", id.toString(), null);
        } catch (RuntimeException e) {
            return new TaskResponse(false, "Failed to queue inference task", null, e.getMessage());
        }
    }

    private static ThumbnailBackfill.Progress progress(JobRunner.Tracker tracker) {
        return new ThumbnailBackfill.Progress() {
            @Override
            public void total(int total) {
                tracker.total(total);
            }

            @Override
            public void done(boolean succeeded) {
                tracker.done(succeeded);
            }

            @Override
            public boolean cancelled() {
                return Thread.currentThread().isInterrupted();
            }
        };
    }

    @PostMapping("/api/import/update_thumbnails")
    TaskResponse updateThumbnails(@RequestParam(name = "retry_failed", required = false) String retryFailed,
                                  @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        boolean retry = LaxValues.queryBool("retry_failed", retryFailed, false);
        try {
            UUID id = jobs.start(THUMBNAILS, user.id(), tracker -> backfill.run(retry, progress(tracker)));
            return new TaskResponse(true, "Thumbnail update task queued successfully", id.toString(), null);
        } catch (RuntimeException e) {
            return new TaskResponse(false, "Failed to queue thumbnail update task", null, e.getMessage());
        }
    }
}
