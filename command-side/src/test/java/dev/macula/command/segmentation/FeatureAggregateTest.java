package dev.macula.command.segmentation;

import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.DeleteFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.FeatureCreatedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureDeletedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRenamedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRestoredEvent;
import dev.macula.api.segmentation.FeatureMessages.RestoreFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.SubfeaturesReplacedEvent;
import dev.macula.api.segmentation.FeatureMessages.UpdateFeatureCommand;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

class FeatureAggregateTest {

    private static final FeatureId ID = FeatureId.of(7);
    private static final List<FeatureId> CHILDREN = List.of(FeatureId.of(2), FeatureId.of(1));
    private AggregateTestFixture<FeatureAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FeatureAggregate.class);
    }

    @Test
    void createsWithOrderedChildren() {
        fixture.givenNoPriorActivity()
                .when(new CreateFeatureCommand(ID, "AMD", CHILDREN))
                .expectEvents(new FeatureCreatedEvent(ID, "AMD", CHILDREN));
    }

    @Test
    void patchEmitsOnlyRealChangesAndReplacesTheWholeList() {
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new UpdateFeatureCommand(ID, "AMD", CHILDREN))
                .expectNoEvents();
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new UpdateFeatureCommand(ID, null, null))
                .expectNoEvents();
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new UpdateFeatureCommand(ID, "Macular degeneration", List.of()))
                .expectEvents(new FeatureRenamedEvent(ID, "Macular degeneration"), new SubfeaturesReplacedEvent(ID, List.of()));
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new UpdateFeatureCommand(ID, null, List.of(FeatureId.of(1), FeatureId.of(2))))
                .expectEvents(new SubfeaturesReplacedEvent(ID, List.of(FeatureId.of(1), FeatureId.of(2))));
    }

    @Test
    void deletedFeaturesTakeNoMoreCommands() {
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new DeleteFeatureCommand(ID))
                .expectEvents(new FeatureDeletedEvent(ID));
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN), new FeatureDeletedEvent(ID))
                .when(new UpdateFeatureCommand(ID, "x", null))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void aRevertBringsADeletedFeatureBackAndItTakesCommandsAgain() {
        LocalDateTime inserted = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN), new FeatureDeletedEvent(ID))
                .when(new RestoreFeatureCommand(ID, "AMD", CHILDREN, inserted))
                .expectEvents(new FeatureRestoredEvent(ID, "AMD", CHILDREN, inserted));
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN))
                .when(new RestoreFeatureCommand(ID, "AMD", CHILDREN, inserted))
                .expectNoEvents();
        fixture.given(new FeatureCreatedEvent(ID, "AMD", CHILDREN), new FeatureDeletedEvent(ID),
                        new FeatureRestoredEvent(ID, "AMD", CHILDREN, inserted))
                .when(new UpdateFeatureCommand(ID, "x", null))
                .expectEvents(new FeatureRenamedEvent(ID, "x"));
    }
}
