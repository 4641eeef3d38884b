package dev.macula.command.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.ClearSegmentationFieldsCommand;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationFieldsClearedEvent;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.ChangeSegmentationTagCommentCommand;
import dev.macula.api.segmentation.SegmentationMessages.CreateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DeactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DetachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.Geometry;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationCreatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDataWrittenEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDeactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.WriteSegmentationDataCommand;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class SegmentationAggregateTest {

    private static final SegmentationId ID = SegmentationId.of(4);
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final Geometry SPARSE = new Geometry(DataRepresentation.Binary, Datatype.R8UI, 8, 20, 16, 0, null,
            List.of());
    private static final SegmentationCreatedEvent CREATED = new SegmentationCreatedEvent(ID, InstanceId.of(9),
            FeatureId.of(2), UserId.of(1), null, SPARSE, null, null, A, 0);
    /** What the links of segmentation 4 point at. */
    private static final TaggedObject SELF = new TaggedObject(TagType.Segmentation, 4);
    private static final TagAttachedEvent ATTACHED = new TagAttachedEvent(SELF, TagId.of(5), UserId.of(7), "edge");
    private AggregateTestFixture<SegmentationAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SegmentationAggregate.class);
    }

    @Test
    void creationIsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new CreateSegmentationCommand(ID, InstanceId.of(9), FeatureId.of(2), UserId.of(1), null, SPARSE,
                        null, null, A, 0))
                .expectEvents(CREATED, new SegmentationDataWrittenEvent(ID, 1, A, 2560L, null, null, List.of()));
    }

    @Test
    void aSegmentationWithoutDataIsVersionZeroUntilItsFirstWrite() {
        SegmentationCreatedEvent empty = new SegmentationCreatedEvent(ID, InstanceId.of(9), FeatureId.of(2),
                UserId.of(1), null, SPARSE, null, null, null, -1);
        fixture.givenNoPriorActivity()
                .when(new CreateSegmentationCommand(ID, InstanceId.of(9), FeatureId.of(2), UserId.of(1), null, SPARSE,
                        null, null, null, -1))
                .expectEvents(empty);
        fixture.given(empty)
                .when(new WriteSegmentationDataCommand(ID, 0, A, 2560L, null, null))
                .expectEvents(new SegmentationDataWrittenEvent(ID, 1, A, 2560L, null, null, List.of()));
    }

    @Test
    void sliceWritesAlongTheSparseAxisKeepScanIndicesSortedAndUnique() {
        fixture.given(CREATED, new SegmentationDataWrittenEvent(ID, 1, A, 2560L, null, null, List.of()),
                        new SegmentationDataWrittenEvent(ID, 2, B, 2560L, 0, 5, List.of(5)))
                .when(new WriteSegmentationDataCommand(ID, null, A, 2560L, 0, 2))
                .expectEvents(new SegmentationDataWrittenEvent(ID, 3, A, 2560L, 0, 2, List.of(2, 5)))
                .expectResultMessagePayload(3);
        fixture.given(CREATED, new SegmentationDataWrittenEvent(ID, 2, B, 2560L, 0, 5, List.of(5)))
                .when(new WriteSegmentationDataCommand(ID, null, A, 2560L, 1, 3)) // another axis: indices unchanged
                .expectEvents(new SegmentationDataWrittenEvent(ID, 3, A, 2560L, 1, 3, List.of(5)));
    }

    @Test
    void clearingEmptiesOnlyTheNamedFieldsAndNothingIsNoEvent() {
        fixture.given(CREATED)
                .when(new ClearSegmentationFieldsCommand(ID, true, false))
                .expectEvents(new SegmentationFieldsClearedEvent(ID, true, false));
        fixture.given(CREATED)
                .when(new ClearSegmentationFieldsCommand(ID, false, false))
                .expectNoEvents();
    }

    @Test
    void staleIfMatchIsAConflict() {
        fixture.given(CREATED, new SegmentationDataWrittenEvent(ID, 1, A, 2560L, null, null, List.of()),
                        new SegmentationDataWrittenEvent(ID, 2, B, 2560L, null, null, List.of()))
                .when(new WriteSegmentationDataCommand(ID, 1, A, 2560L, null, null))
                .expectNoEvents()
                .expectException(ApiException.class);
        fixture.given(CREATED, new SegmentationDataWrittenEvent(ID, 1, A, 2560L, null, null, List.of()))
                .when(new WriteSegmentationDataCommand(ID, 1, B, 2560L, null, null))
                .expectEvents(new SegmentationDataWrittenEvent(ID, 2, B, 2560L, null, null, List.of()));
    }

    @Test
    void softDeleteHappensOnce() {
        fixture.given(CREATED).when(new DeactivateSegmentationCommand(ID)).expectEvents(new SegmentationDeactivatedEvent(ID));
        fixture.given(CREATED, new SegmentationDeactivatedEvent(ID)).when(new DeactivateSegmentationCommand(ID))
                .expectNoEvents();
    }

    // --- tag links: the rules are TagLinksTest's; these show the segmentation's member is wired in ---

    @Test
    void attachLinksTheSegmentationItself() {
        fixture.given(CREATED).when(new AttachSegmentationTagCommand(ID, TagId.of(5), UserId.of(7), "edge"))
                .expectEvents(ATTACHED);
    }

    @Test
    void aSourcedLinkCanBeCommentedAndDetached() {
        fixture.given(CREATED, ATTACHED).when(new ChangeSegmentationTagCommentCommand(ID, TagId.of(5), "rim"))
                .expectEvents(new TagCommentChangedEvent(SELF, TagId.of(5), "rim"));
        fixture.given(CREATED, ATTACHED).when(new DetachSegmentationTagCommand(ID, TagId.of(5)))
                .expectEvents(new TagDetachedEvent(SELF, TagId.of(5)));
    }
}
