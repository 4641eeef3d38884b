package dev.macula.api.tasks;

import dev.macula.api.imaging.InstanceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Sub-tasks: a set of images handed to one grader, moving NotStarted → Busy → Ready (docs/api.md §3.10). */
public final class SubTaskMessages {

    private SubTaskMessages() {
    }

    public enum SubTaskState { NotStarted, Busy, Ready }

    public record CreateSubTaskCommand(@TargetAggregateIdentifier SubTaskId subTaskId, TaskId taskId, Long creatorId,
                                       String comments, List<InstanceId> imageIds) {
    }

    /** PATCH semantics: null fields are unchanged. */
    public record UpdateSubTaskCommand(@TargetAggregateIdentifier SubTaskId subTaskId, String comments,
                                       SubTaskState taskState) {
    }

    public record DeleteSubTaskCommand(@TargetAggregateIdentifier SubTaskId subTaskId) {
    }

    /**
     * Puts a sub-task back as it was (a revert): after its deletion or its task's, or to clear comments,
     * which an update cannot. Carries the whole state, as creation does.
     */
    public record RestoreSubTaskCommand(@TargetAggregateIdentifier SubTaskId subTaskId, TaskId taskId, Long creatorId,
                                        String comments, SubTaskState taskState, List<InstanceId> imageIds) {
    }

    /** Idempotent: images already linked are skipped. */
    public record AddSubTaskImagesCommand(@TargetAggregateIdentifier SubTaskId subTaskId, List<InstanceId> imageIds) {
    }

    /** 404 "Link not found" when the image is not linked. */
    public record RemoveSubTaskImageCommand(@TargetAggregateIdentifier SubTaskId subTaskId, InstanceId imageId) {
    }

    @Revision("1")
    public record SubTaskCreatedEvent(SubTaskId subTaskId, TaskId taskId, Long creatorId, String comments,
                                      SubTaskState taskState, List<InstanceId> imageIds) {
    }

    @Revision("1")
    public record SubTaskCommentsChangedEvent(SubTaskId subTaskId, String comments) {
    }

    @Revision("1")
    public record SubTaskStateChangedEvent(SubTaskId subTaskId, SubTaskState from, SubTaskState to) {
    }

    @Revision("1")
    public record SubTaskImagesAddedEvent(SubTaskId subTaskId, List<InstanceId> imageIds) {
    }

    @Revision("1")
    public record SubTaskImageRemovedEvent(SubTaskId subTaskId, InstanceId imageId) {
    }

    @Revision("1")
    public record SubTaskDeletedEvent(SubTaskId subTaskId) {
    }

    /** The sub-task is (again) exactly as stated; its row comes back if it was gone. */
    @Revision("1")
    public record SubTaskRestoredEvent(SubTaskId subTaskId, TaskId taskId, Long creatorId, String comments,
                                       SubTaskState taskState, List<InstanceId> imageIds) {
    }

    /** Answer: the query side's SubTaskGET (with images when asked), {@code index} null; or null. */
    public record FindSubTaskQuery(SubTaskId subTaskId, boolean withImages) {
    }

    /**
     * Answer: one page of the task's sub-tasks in id order, each with its absolute index (docs/api.md §3.9),
     * and the count matching {@code state} (null: all); or null when the task does not exist.
     */
    public record FindSubTasksQuery(TaskId taskId, boolean withImages, int limit, int page, SubTaskState state) {
    }

    /**
     * Answer: the sub-task at absolute {@code index} (images when asked) with the next one as
     * {@code next_task} when asked; or null.
     */
    public record FindSubTaskByIndexQuery(TaskId taskId, long index, boolean withImages, boolean withNext) {
    }
}
