package dev.macula.command.tagging;

import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagCommands.CreateTagCommand;
import dev.macula.api.tagging.TagCommands.DeleteTagCommand;
import dev.macula.api.tagging.TagCommands.RestoreTagCommand;
import dev.macula.api.tagging.TagEvents.TagRestoredEvent;
import dev.macula.api.tagging.TagCommands.UpdateTagCommand;
import dev.macula.api.tagging.TagEvents.TagCreatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagDescriptionChangedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagEvents.TagTypeChangedEvent;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagType;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagAggregateTest {

    private static final TagId TAG = TagId.of(5);
    private static final UserId CREATOR = UserId.of(1);
    private static final TagCreatedEvent CREATED =
            new TagCreatedEvent(TAG, "Drusen", TagType.Study, "yellow deposits", CREATOR);

    private AggregateTestFixture<TagAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TagAggregate.class);
    }

    @Test
    void createEmitsTagCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateTagCommand(TAG, "Drusen", TagType.Study, "yellow deposits", CREATOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED)
                .expectState(tag -> assertThat(tag).isNotNull());
    }

    @Test
    void createKeepsANullDescription() {
        fixture.givenNoPriorActivity()
                .when(new CreateTagCommand(TAG, "Drusen", TagType.Annotation, null, CREATOR))
                .expectEvents(new TagCreatedEvent(TAG, "Drusen", TagType.Annotation, null, CREATOR));
    }

    @Test
    void renameEmitsOnlyTagRenamed() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, "Soft drusen", null, null))
                .expectEvents(new TagRenamedEvent(TAG, "Soft drusen"));
    }

    @Test
    void descriptionChangeEmitsOnlyTagDescriptionChanged() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, null, null, "sub-RPE deposits"))
                .expectEvents(new TagDescriptionChangedEvent(TAG, "sub-RPE deposits"));
    }

    @Test
    void descriptionCanBeSetWhenItWasNull() {
        fixture.given(new TagCreatedEvent(TAG, "Drusen", TagType.Study, null, CREATOR))
                .when(new UpdateTagCommand(TAG, null, null, "now described"))
                .expectEvents(new TagDescriptionChangedEvent(TAG, "now described"));
    }

    @Test
    void typeChangeCarriesFromAndTo() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, null, TagType.ImageInstance, null))
                .expectEvents(new TagTypeChangedEvent(TAG, TagType.Study, TagType.ImageInstance));
    }

    @Test
    void typeChangeFromIsTheTypeAfterEarlierChanges() {
        fixture.given(CREATED, new TagTypeChangedEvent(TAG, TagType.Study, TagType.Segmentation))
                .when(new UpdateTagCommand(TAG, null, TagType.FormAnnotation, null))
                .expectEvents(new TagTypeChangedEvent(TAG, TagType.Segmentation, TagType.FormAnnotation));
    }

    @Test
    void allNullUpdateEmitsNothing() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateWithCurrentValuesEmitsNothing() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, "Drusen", TagType.Study, "yellow deposits"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateComparesAgainstStateAfterEarlierChanges() {
        fixture.given(CREATED, new TagRenamedEvent(TAG, "Soft drusen"),
                        new TagDescriptionChangedEvent(TAG, "changed"))
                .when(new UpdateTagCommand(TAG, "Soft drusen", null, "changed"))
                .expectNoEvents();
    }

    @Test
    void renamingBackToTheOriginalNameIsAChange() {
        fixture.given(CREATED, new TagRenamedEvent(TAG, "Soft drusen"))
                .when(new UpdateTagCommand(TAG, "Drusen", null, null))
                .expectEvents(new TagRenamedEvent(TAG, "Drusen"));
    }

    @Test
    void nameComparisonIsExact() {
        // the aggregate compares with equals(): a case-only rename is a real change
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, "drusen", null, null))
                .expectEvents(new TagRenamedEvent(TAG, "drusen"));
    }

    @Test
    void multiFieldChangeEmitsOneEventPerChangedFieldInOrder() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, "Hard drusen", TagType.Annotation, "small, sharp"))
                .expectEvents(new TagRenamedEvent(TAG, "Hard drusen"),
                        new TagDescriptionChangedEvent(TAG, "small, sharp"),
                        new TagTypeChangedEvent(TAG, TagType.Study, TagType.Annotation));
    }

    @Test
    void multiFieldUpdateSkipsTheFieldsThatDoNotChange() {
        fixture.given(CREATED)
                .when(new UpdateTagCommand(TAG, "Drusen", TagType.Segmentation, "other"))
                .expectEvents(new TagDescriptionChangedEvent(TAG, "other"),
                        new TagTypeChangedEvent(TAG, TagType.Study, TagType.Segmentation));
    }

    @Test
    void deleteEmitsTagDeleted() {
        fixture.given(CREATED)
                .when(new DeleteTagCommand(TAG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagDeletedEvent(TAG));
    }

    @Test
    void updateOnDeletedTagFails() {
        fixture.given(CREATED, new TagDeletedEvent(TAG))
                .when(new UpdateTagCommand(TAG, "Revived", null, null))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void deleteOnDeletedTagFails() {
        fixture.given(CREATED, new TagDeletedEvent(TAG))
                .when(new DeleteTagCommand(TAG))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRevertBringsADeletedTagBackOnlyWhenItIsDeleted() {
        LocalDateTime inserted = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        RestoreTagCommand restore = new RestoreTagCommand(TAG, "Drusen", TagType.Study, "yellow deposits", CREATOR,
                inserted);
        TagRestoredEvent restored = new TagRestoredEvent(TAG, "Drusen", TagType.Study, "yellow deposits", CREATOR,
                inserted);
        fixture.given(CREATED, new TagDeletedEvent(TAG)).when(restore).expectEvents(restored);
        fixture.given(CREATED).when(restore).expectNoEvents();
        fixture.given(CREATED, new TagDeletedEvent(TAG), restored)
                .when(new DeleteTagCommand(TAG))
                .expectEvents(new TagDeletedEvent(TAG));
    }
}
