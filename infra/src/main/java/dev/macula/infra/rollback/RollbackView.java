package dev.macula.infra.rollback;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.history.HistoryEntry;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/admin/rollbacks/{task_id}}. {@code state} is the job's ({@code GET /api/jobs/{task_id}}):
 * queued, running, finished, failed or interrupted; {@code objects} fills while it runs. {@code restored}
 * counts objects restored (or, in a dry run, that would be); {@code conflicts} those left alone because
 * someone else changed them later. Times are UTC without offset, as everywhere in the API.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"task_id", "state", "dry_run", "force", "actor_id", "since", "until", "restored", "conflicts",
        "objects"})
record RollbackView(UUID taskId, String state, boolean dryRun, boolean force, long actorId, LocalDateTime since,
                    LocalDateTime until, int restored, int conflicts, List<ObjectOutcome> objects) {

    /**
     * One object: {@code entity_type} as the activity feed names types ({@code segmentation},
     * {@code form-annotation}, {@code subtask}) or {@code tag-link}; {@code entity_id} the object's
     * integer id, for a tag link the string {@code "<tag id>:<object type>:<object id>"}
     * ({@code "12:ImageInstance:345"}). {@code outcome}: restored, would_restore, unchanged, conflict,
     * not_supported (no restorer for the type) or failed ({@code detail} says why, e.g. the object
     * did not exist at {@code since}). {@code other_actors}: who changed it after the actor.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"entity_type", "entity_id", "outcome", "other_actors", "detail"})
    record ObjectOutcome(String entityType, Object entityId, String outcome, List<HistoryEntry.Actor> otherActors,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
    }
}
