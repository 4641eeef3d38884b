package dev.macula.command.tasks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.AddSubTaskImagesCommand;
import dev.macula.api.tasks.SubTaskMessages.CreateSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.RemoveSubTaskImageCommand;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCommentsChangedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCreatedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImageRemovedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImagesAddedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.SubTaskStateChangedEvent;
import dev.macula.api.tasks.SubTaskMessages.UpdateSubTaskCommand;
import dev.macula.api.tasks.TaskId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class SubTaskAggregateTest {

    private static final SubTaskId ID = SubTaskId.of(5);
    private static final InstanceId A = InstanceId.of(1);
    private static final InstanceId B = InstanceId.of(2);
    private static final SubTaskCreatedEvent CREATED = new SubTaskCreatedEvent(ID, TaskId.of(9), 3L, null,
            SubTaskState.NotStarted, List.of(A));
    private AggregateTestFixture<SubTaskAggregate> fixture;
    private List<SubTaskForms.InvalidForm> invalidForms = List.of();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SubTaskAggregate.class);
        fixture.registerInjectableResource((SubTaskForms) id -> invalidForms);
    }

    @Test
    void createsNotStartedWithDistinctImages() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubTaskCommand(ID, TaskId.of(9), 3L, null, List.of(A, A)))
                .expectEvents(CREATED);
    }

    @Test
    void addingImagesIsIdempotentAndRemovingAMissingOneIsLinkNotFound() {
        fixture.given(CREATED).when(new AddSubTaskImagesCommand(ID, List.of(A, B, B)))
                .expectEvents(new SubTaskImagesAddedEvent(ID, List.of(B)));
        fixture.given(CREATED).when(new AddSubTaskImagesCommand(ID, List.of(A))).expectNoEvents();
        fixture.given(CREATED).when(new RemoveSubTaskImageCommand(ID, A))
                .expectEvents(new SubTaskImageRemovedEvent(ID, A));
        fixture.given(CREATED).when(new RemoveSubTaskImageCommand(ID, B))
                .expectNoEvents().expectException(ApiException.class);
    }

    @Test
    void stateChangesRecordFromAndTo() {
        fixture.given(CREATED).when(new UpdateSubTaskCommand(ID, null, SubTaskState.Ready))
                .expectEvents(new SubTaskStateChangedEvent(ID, SubTaskState.NotStarted, SubTaskState.Ready));
        fixture.given(CREATED).when(new UpdateSubTaskCommand(ID, null, SubTaskState.NotStarted)).expectNoEvents();
    }

    @Test
    void readyIsRefusedWhileAFormIsInvalidAndOtherChangesAreNot() {
        invalidForms = List.of(new SubTaskForms.InvalidForm(7, 2, JsonNodeFactory.instance.arrayNode()));
        fixture.given(CREATED).when(new UpdateSubTaskCommand(ID, "note", SubTaskState.Ready))
                .expectNoEvents().expectException(ApiException.class);
        fixture.given(CREATED).when(new UpdateSubTaskCommand(ID, null, SubTaskState.Busy))
                .expectEvents(new SubTaskStateChangedEvent(ID, SubTaskState.NotStarted, SubTaskState.Busy));
        fixture.given(CREATED, new SubTaskStateChangedEvent(ID, SubTaskState.NotStarted, SubTaskState.Ready))
                .when(new UpdateSubTaskCommand(ID, "still ready", SubTaskState.Ready))
                .expectEvents(new SubTaskCommentsChangedEvent(ID, "still ready"));
    }
}
