package dev.macula.command.tasks;

import dev.macula.api.identity.UserId;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.CreateTaskCommand;
import dev.macula.api.tasks.TaskMessages.DeleteTaskCommand;
import dev.macula.api.tasks.TaskMessages.TaskCreatedEvent;
import dev.macula.api.tasks.TaskMessages.RestoreTaskCommand;
import dev.macula.api.tasks.TaskMessages.TaskDeletedEvent;
import dev.macula.api.tasks.TaskMessages.TaskRestoredEvent;
import dev.macula.api.tasks.TaskMessages.TaskState;
import dev.macula.api.tasks.TaskMessages.TaskStateChangedEvent;
import dev.macula.api.tasks.TaskMessages.TaskUpdatedEvent;
import dev.macula.api.tasks.TaskMessages.UpdateTaskCommand;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TaskAggregateTest {

    private static final TaskId ID = TaskId.of(3);
    private static final TaskDefinitionId DEFINITION = TaskDefinitionId.of(1);
    private static final TaskCreatedEvent CREATED = new TaskCreatedEvent(ID, "Round 1", null, null, DEFINITION,
            UserId.of(2), TaskState.NotStarted);
    private AggregateTestFixture<TaskAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskAggregate.class);
    }

    @Test
    void newTasksStartNotStarted() {
        fixture.givenNoPriorActivity()
                .when(new CreateTaskCommand(ID, "Round 1", null, null, DEFINITION, UserId.of(2)))
                .expectEvents(CREATED);
    }

    @Test
    void stateChangesCarryFromAndToAndRepeatsAreSilent() {
        fixture.given(CREATED)
                .when(new UpdateTaskCommand(ID, null, null, null, null, TaskState.Busy))
                .expectEvents(new TaskStateChangedEvent(ID, TaskState.NotStarted, TaskState.Busy));
        fixture.given(CREATED, new TaskStateChangedEvent(ID, TaskState.NotStarted, TaskState.Busy))
                .when(new UpdateTaskCommand(ID, null, null, null, null, TaskState.Busy))
                .expectNoEvents();
        fixture.given(CREATED)
                .when(new UpdateTaskCommand(ID, "Round 1b", null, 4L, null, TaskState.Finished))
                .expectEvents(new TaskUpdatedEvent(ID, "Round 1b", null, 4L, null),
                        new TaskStateChangedEvent(ID, TaskState.NotStarted, TaskState.Finished));
    }

    @Test
    void deletedTasksTakeNoCommands() {
        fixture.given(CREATED).when(new DeleteTaskCommand(ID)).expectEvents(new TaskDeletedEvent(ID));
        fixture.given(CREATED, new TaskDeletedEvent(ID))
                .when(new UpdateTaskCommand(ID, "x", null, null, null, null))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void aRevertRestoresTheWholeTaskAlsoAfterItsDeletion() {
        LocalDateTime inserted = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        RestoreTaskCommand restore = new RestoreTaskCommand(ID, "Round 1", null, null, DEFINITION, UserId.of(2),
                TaskState.NotStarted, inserted);
        TaskRestoredEvent restored = new TaskRestoredEvent(ID, "Round 1", null, null, DEFINITION, UserId.of(2),
                TaskState.NotStarted, inserted);
        fixture.given(CREATED, new TaskDeletedEvent(ID)).when(restore).expectEvents(restored);
        fixture.given(CREATED, new TaskDeletedEvent(ID), restored)
                .when(new UpdateTaskCommand(ID, null, null, null, null, TaskState.Busy))
                .expectEvents(new TaskStateChangedEvent(ID, TaskState.NotStarted, TaskState.Busy));
    }
}
