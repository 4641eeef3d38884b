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
    private static final UserId TAGGER = UserId.of(7);
    private static final UserId OTHER_TAGGER = UserId.of(8);

    private static final StudyRecordedEvent RECORDED = new StudyRecordedEvent(STUDY, PATIENT, DATE, 2, "baseline");

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

    // --- tag links: the rules are TagLinksTest's; these show the study's member is wired in ---

    @Test
    void attachedObjectIsTheStudyItself() {
        StudyId other = StudyId.of(9001);
        fixture.given(new StudyRecordedEvent(other, PATIENT, DATE, null, null))
                .when(new AttachStudyTagCommand(other, TAG, TAGGER, null))
                .expectEvents(new TagAttachedEvent(new TaggedObject(TagType.Study, 9001), TAG, TAGGER, null));
    }

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
