package dev.macula.infra.rollback;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.EntityTypeNames;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.history.HistoryEntry;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.command.tagging.TagLinkRestorer;
import dev.macula.command.timetravel.ObjectRestorer;
import dev.macula.infra.jobs.JobRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rolls back one actor's changes in a window, object by object (docs/architecture.md, Time travel):
 * finds the objects, and for each one either reports a conflict (someone changed it after the actor,
 * unless {@code force}) or restores it to its state before {@code since} with the restorer of its type.
 * The commands carry the admin who started the rollback as their actor and the rollback's task id
 * under {@code rollback}; a dry run sends none. Outcomes are stored as they come, so the result can be
 * read while the job runs.
 */
@Component
class RollbackJob {

    /** Types a rollback must cover (issue 14); a type outside them without a restorer is not_supported. */
    private static final Set<String> REQUIRED = Set.of(SegmentationId.TYPE, FormAnnotationId.TYPE, SubTaskId.TYPE);

    private final ChangedObjects changedObjects;
    private final LaterChanges laterChanges;
    private final RollbackRecords records;
    private final TagLinkRestorer tagLinks;
    private final Map<String, ObjectRestorer> restorers;

    RollbackJob(ChangedObjects changedObjects, LaterChanges laterChanges, RollbackRecords records,
                TagLinkRestorer tagLinks, ObjectProvider<ObjectRestorer> restorers) {
        this.changedObjects = changedObjects;
        this.laterChanges = laterChanges;
        this.records = records;
        this.tagLinks = tagLinks;
        this.restorers = restorers.orderedStream().collect(Collectors.toMap(
                restorer -> EntityTypeNames.canonical(restorer.entityType()), Function.identity()));
    }

    /** @param requestId the request that started it, so the events name it as other events do (may be null) */
    void run(UUID taskId, RollbackRequest request, CurrentUser admin, String requestId, JobRunner.Tracker tracker) {
        Map<String, Object> metadata = new HashMap<>(Map.of(MessageMetadata.ACTOR_ID, admin.id(),
                MessageMetadata.ACTOR_NAME, admin.username(), MessageMetadata.ROLLBACK, taskId.toString()));
        if (requestId != null) {
            metadata.put(MessageMetadata.REQUEST_ID, requestId);
        }
        long before = changedObjects.positionBefore(request.since());
        List<ChangedObject> objects = changedObjects.of(request.actorId(), request.since(), request.until());
        tracker.total(objects.size());
        int ordinal = 0;
        for (ChangedObject object : objects) {
            List<HistoryEntry.Actor> others = laterChanges.of(object);
            String outcome;
            String detail = null;
            if (!others.isEmpty() && !request.force()) {
                outcome = Outcomes.CONFLICT;
            } else {
                // before the actor's first change even if another node's clock stamped it before since
                long position = Math.min(before, object.firstPosition() - 1);
                try {
                    outcome = restore(object, position, metadata, request.dryRun());
                } catch (ApiException e) {
                    outcome = Outcomes.FAILED;
                    detail = e.getMessage();
                } catch (RuntimeException e) {
                    outcome = Outcomes.FAILED;
                    detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            records.add(taskId, ordinal++, object, outcome, others, detail);
            tracker.done(!outcome.equals(Outcomes.FAILED));
        }
    }

    private String restore(ChangedObject object, long position, Map<String, Object> metadata, boolean dryRun) {
        if (object.isTagLink()) {
            return Outcomes.of(tagLinks.restore(object.link(), position, metadata, dryRun));
        }
        ObjectRestorer restorer = restorers.get(object.entityType());
        if (restorer == null && REQUIRED.contains(object.entityType())) {
            throw new IllegalStateException("no restorer for " + object.entityType() + " is installed");
        }
        if (restorer == null) {
            return Outcomes.NOT_SUPPORTED;
        }
        return Outcomes.of(restorer.restoreOrRemove(Long.parseLong(object.entityId()), position, metadata, dryRun));
    }
}
