package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeStudyTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.RecordStudyCommand;
import dev.macula.api.imaging.ImagingEvents.StudyRecordedEvent;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static dev.macula.command.imaging.ImagingTestSupport.linkNotFound;
import static org.assertj.core.api.Assertions.assertThat;

class StudyAggregateTest {

    private static final StudyId STUDY = StudyId.of(42);
    private static final PatientId PATIENT = PatientId.of(11);
    private static final LocalDate DATE = LocalDate.of(2020, 6, 15);
    /** What the links of study 42 point at: type Study, the study's own id. */
    private static final TaggedObject SELF = new TaggedObject(TagType.Study, 42);
    private static final TagId TAG = TagId.of(5);
    private static final TagId OTHER_TAG = TagId.of(6);
    private static final UserId TAGGER = UserId.of(7);
    private static final UserId OTHER_TAGGER = UserId.of(8);

    private static final StudyRecordedEvent RECORDED = new StudyRecordedEvent(STUDY, PATIENT, DATE, 2, "baseline");
    private static final TagAttachedEvent ATTACHED = new TagAttachedEvent(SELF, TAG, TAGGER, "suspicious");

    private AggregateTestFixture<StudyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StudyAggregate.class);
    }

    // --- recording ---

    @Test
    void recordEmitsStudyRecordedWithExactlyTheCommandsFacts() {
        fixture.givenNoPriorActivity()
                .when(new RecordStudyCommand(STUDY, PATIENT, DATE, 2, "baseline"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(RECORDED)
                .expectState(study -> assertThat(study).isNotNull());
    }

    @Test
    void recordKeepsAbsentRoundAndDescription() {
        fixture.givenNoPriorActivity()
                .when(new RecordStudyCommand(STUDY, PATIENT, DATE, null, null))
                .expectEvents(new StudyRecordedEvent(STUDY, PATIENT, DATE, null, null));
    }

    // --- attach ---

    @Test
    void firstAttachEmitsTagAttachedWithTaggerAndComment() {
        fixture.given(RECORDED)
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, "suspicious"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagAttachedEvent(new TaggedObject(TagType.Study, 42), TAG, TAGGER, "suspicious"));
    }

    @Test
    void firstAttachWithoutCommentEmitsTagAttachedWithNullComment() {
        fixture.given(RECORDED)
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, null))
                .expectEvents(new TagAttachedEvent(SELF, TAG, TAGGER, null));
    }

    @Test
    void attachedObjectIsTheStudyItself() {
        StudyId other = StudyId.of(9001);
        fixture.given(new StudyRecordedEvent(other, PATIENT, DATE, null, null))
                .when(new AttachStudyTagCommand(other, TAG, TAGGER, null))
                .expectEvents(new TagAttachedEvent(new TaggedObject(TagType.Study, 9001), TAG, TAGGER, null));
    }

    @Test
    void attachingAgainWithoutCommentEmitsNothing() {
        fixture.given(RECORDED, ATTACHED)
                .when(new AttachStudyTagCommand(STUDY, TAG, OTHER_TAGGER, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void attachingAgainWithADifferentCommentChangesTheComment() {
        fixture.given(RECORDED, ATTACHED)
                .when(new AttachStudyTagCommand(STUDY, TAG, OTHER_TAGGER, "confirmed"))
                .expectEvents(new TagCommentChangedEvent(SELF, TAG, "confirmed"));
    }

    @Test
    void attachingAgainWithTheSameCommentEmitsNothing() {
        fixture.given(RECORDED, ATTACHED)
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, "suspicious"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void attachingAgainComparesWithTheLatestComment() {
        fixture.given(RECORDED, ATTACHED, new TagCommentChangedEvent(SELF, TAG, "confirmed"))
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, "confirmed"))
                .expectNoEvents();
    }

    @Test
    void attachingAgainGivesACommentToALinkThatHadNone() {
        fixture.given(RECORDED, new TagAttachedEvent(SELF, TAG, TAGGER, null))
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, "now with words"))
                .expectEvents(new TagCommentChangedEvent(SELF, TAG, "now with words"));
    }

    @Test
    void attachingAnotherTagIsANewLink() {
        fixture.given(RECORDED, ATTACHED)
                .when(new AttachStudyTagCommand(STUDY, OTHER_TAG, OTHER_TAGGER, null))
                .expectEvents(new TagAttachedEvent(SELF, OTHER_TAG, OTHER_TAGGER, null));
    }

    // --- PATCH (change comment) ---

    @Test
    void patchOfAMissingLinkIsNotFound() {
        fixture.given(RECORDED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, "anything"))
                .expectException(ApiException.class)
                .expectException(linkNotFound())
                .expectExceptionMessage("Link not found")
                .expectNoEvents();
    }

    @Test
    void patchOfAnotherTagsLinkIsNotFound() {
        fixture.given(RECORDED, ATTACHED)
                .when(new ChangeStudyTagCommentCommand(STUDY, OTHER_TAG, "anything"))
                .expectException(linkNotFound())
                .expectNoEvents();
    }

    @Test
    void patchOfADetachedLinkIsNotFound() {
        fixture.given(RECORDED, ATTACHED, new TagDetachedEvent(SELF, TAG))
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, "anything"))
                .expectException(linkNotFound())
                .expectNoEvents();
    }

    @Test
    void patchWithNullCommentEmitsNothing() {
        fixture.given(RECORDED, ATTACHED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void patchOfAMissingLinkIsNotFoundEvenWithNullComment() {
        // the existence check comes before the null-comment shortcut
        fixture.given(RECORDED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, null))
                .expectException(linkNotFound())
                .expectNoEvents();
    }

    @Test
    void patchWithADifferentCommentEmitsCommentChanged() {
        fixture.given(RECORDED, ATTACHED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, "ruled out"))
                .expectEvents(new TagCommentChangedEvent(SELF, TAG, "ruled out"));
    }

    @Test
    void patchWithTheSameCommentEmitsNothing() {
        fixture.given(RECORDED, ATTACHED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, "suspicious"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void patchToAnEmptyCommentIsAChange() {
        fixture.given(RECORDED, ATTACHED)
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, ""))
                .expectEvents(new TagCommentChangedEvent(SELF, TAG, ""));
    }

    // --- detach ---

    @Test
    void detachEmitsTagDetached() {
        fixture.given(RECORDED, ATTACHED)
                .when(new DetachStudyTagCommand(STUDY, TAG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TagDetachedEvent(new TaggedObject(TagType.Study, 42), TAG));
    }

    @Test
    void detachingAgainEmitsNothing() {
        fixture.given(RECORDED, ATTACHED, new TagDetachedEvent(SELF, TAG))
                .when(new DetachStudyTagCommand(STUDY, TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void detachingANeverAttachedTagEmitsNothing() {
        fixture.given(RECORDED, ATTACHED)
                .when(new DetachStudyTagCommand(STUDY, OTHER_TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void detachingOneTagKeepsTheOther() {
        fixture.given(RECORDED, ATTACHED, new TagAttachedEvent(SELF, OTHER_TAG, TAGGER, null),
                        new TagDetachedEvent(SELF, TAG))
                .when(new DetachStudyTagCommand(STUDY, OTHER_TAG))
                .expectEvents(new TagDetachedEvent(SELF, OTHER_TAG));
    }

    @Test
    void reattachAfterDetachIsANewLink() {
        fixture.given(RECORDED, ATTACHED, new TagDetachedEvent(SELF, TAG))
                .when(new AttachStudyTagCommand(STUDY, TAG, OTHER_TAGGER, null))
                .expectEvents(new TagAttachedEvent(SELF, TAG, OTHER_TAGGER, null));
    }

    @Test
    void reattachAfterDetachWithTheOldCommentIsStillANewLink() {
        fixture.given(RECORDED, ATTACHED, new TagDetachedEvent(SELF, TAG))
                .when(new AttachStudyTagCommand(STUDY, TAG, TAGGER, "suspicious"))
                .expectEvents(ATTACHED);
    }

    // --- the same, driven through commands rather than given events ---

    @Test
    void commandHistoryAttachDetachReattach() {
        fixture.givenCommands(new RecordStudyCommand(STUDY, PATIENT, DATE, 2, "baseline"),
                        new AttachStudyTagCommand(STUDY, TAG, TAGGER, "first"),
                        new DetachStudyTagCommand(STUDY, TAG))
                .when(new AttachStudyTagCommand(STUDY, TAG, OTHER_TAGGER, "second"))
                .expectEvents(new TagAttachedEvent(SELF, TAG, OTHER_TAGGER, "second"));
    }

    @Test
    void commandHistoryAttachThenCommentThenPatchSame() {
        fixture.givenCommands(new RecordStudyCommand(STUDY, PATIENT, DATE, 2, "baseline"),
                        new AttachStudyTagCommand(STUDY, TAG, TAGGER, null),
                        new AttachStudyTagCommand(STUDY, TAG, TAGGER, "later"))
                .when(new ChangeStudyTagCommentCommand(STUDY, TAG, "later"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
