package dev.macula.api.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.identity.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDateTime;

/** Task definitions and grading tasks (docs/api.md §3.9, docs/api.md §3.0.12). */
public final class TaskMessages {

    private TaskMessages() {
    }

    public enum TaskState { NotStarted, Busy, Finished, Aborted, Archived }

    public record CreateTaskDefinitionCommand(@TargetAggregateIdentifier TaskDefinitionId taskDefinitionId, String name,
                                              JsonNode config) {
    }

    public record CreateTaskCommand(@TargetAggregateIdentifier TaskId taskId, String name, String description,
                                    Long contactId, TaskDefinitionId taskDefinitionId, UserId creatorId) {
    }

    /** PATCH semantics: null fields are unchanged. */
    public record UpdateTaskCommand(@TargetAggregateIdentifier TaskId taskId, String name, String description,
                                    Long contactId, TaskDefinitionId taskDefinitionId, TaskState taskState) {
    }

    public record DeleteTaskCommand(@TargetAggregateIdentifier TaskId taskId) {
    }

    /**
     * Puts a task back as it was (a revert): after its deletion, or to clear a field an update cannot.
     * Carries the whole state, the original insertion date included.
     */
    public record RestoreTaskCommand(@TargetAggregateIdentifier TaskId taskId, String name, String description,
                                     Long contactId, TaskDefinitionId taskDefinitionId, UserId creatorId,
                                     TaskState taskState, LocalDateTime dateInserted) {
    }

    @Revision("1")
    public record TaskDefinitionCreatedEvent(TaskDefinitionId taskDefinitionId, String name, JsonNode config) {
    }

    /** New tasks start NotStarted (docs/api.md §9.2 item 12). */
    @Revision("1")
    public record TaskCreatedEvent(TaskId taskId, String name, String description, Long contactId,
                                   TaskDefinitionId taskDefinitionId, UserId creatorId, TaskState taskState) {
    }

    @Revision("1")
    public record TaskUpdatedEvent(TaskId taskId, String name, String description, Long contactId,
                                   TaskDefinitionId taskDefinitionId) {
    }

    @Revision("1")
    public record TaskStateChangedEvent(TaskId taskId, TaskState from, TaskState to) {
    }

    @Revision("1")
    public record TaskDeletedEvent(TaskId taskId) {
    }

    /** The task is (again) exactly as stated; its row comes back if it was gone. */
    @Revision("1")
    public record TaskRestoredEvent(TaskId taskId, String name, String description, Long contactId,
                                    TaskDefinitionId taskDefinitionId, UserId creatorId, TaskState taskState,
                                    LocalDateTime dateInserted) {
    }

    /** Answer: list of the query side's TaskGET views in id order. */
    public record FindTasksQuery() {
    }

    /** Answer: TaskGET view, or null. */
    public record FindTaskQuery(TaskId taskId) {
    }

    /** Answer: list of TaskDefinitionGET views in id order. */
    public record FindTaskDefinitionsQuery() {
    }
}
