package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeInstanceTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.DeactivateImageCommand;
import dev.macula.api.imaging.ImagingCommands.ImportImageCommand;
import dev.macula.api.imaging.ImagingCommands.RecordPreprocessingCommand;
import dev.macula.api.imaging.ImagingCommands.RecordThumbnailsCommand;
import dev.macula.api.imaging.ImagingEvents.ImageDeactivatedEvent;
import dev.macula.api.imaging.ImagingEvents.ImageImportedEvent;
import dev.macula.api.imaging.ImagingEvents.ImagePreprocessedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsFailedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsGeneratedEvent;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.ProjectId;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.macula.command.imaging.ImagingTestSupport.allProperties;
import static dev.macula.command.imaging.ImagingTestSupport.linkNotFound;
import static dev.macula.command.imaging.ImagingTestSupport.minimalProperties;
import static org.assertj.core.api.Assertions.assertThat;

class ImageInstanceAggregateTest {

    private static final InstanceId IMAGE = InstanceId.of(77);
    private static final SeriesId SERIES = SeriesId.of(21);
    private static final ProjectId PROJECT = ProjectId.of(3);
    private static final String PATH = "project/patient/scan.vol";
    /** What the links of image 77 point at: type ImageInstance, the image's own id. */
    private static final TaggedObject SELF = new TaggedObject(TagType.ImageInstance, 77);
    private static final TagId TAG = TagId.of(5);
    private static final UserId TAGGER = UserId.of(7);
    private static final UserId OTHER_TAGGER = UserId.of(8);
    private static final String THUMB = "3_77_abcdef";
    private static final String OTHER_THUMB = "3_77_012345";

    private static final ImageImportedEvent IMPORTED =
            new ImageImportedEvent(IMAGE, SERIES, PROJECT, PATH, allProperties());
    private static final TagAttachedEvent ATTACHED = new TagAttachedEvent(SELF, TAG, TAGGER, "drusen");

    private AggregateTestFixture<ImageInstanceAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImageInstanceAggregate.class);
    }

    // --- import ---

    @Test
    void importEmitsImageImportedWithExactlyTheCommandsFacts() {
        ImageProperties properties = allProperties();
        fixture.givenNoPriorActivity()
                .when(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, properties))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ImageImportedEvent(IMAGE, SERIES, PROJECT, PATH, allProperties()))
                .expectState(image -> assertThat(image).isNotNull());
    }

    @Test
    void importWithOnlyTheLateralityKeepsTheNulls() {
        fixture.givenNoPriorActivity()
                .when(new ImportImageCommand(IMAGE, SERIES, PROJECT, "a.png", minimalProperties()))
                .expectEvents(new ImageImportedEvent(IMAGE, SERIES, PROJECT, "a.png", minimalProperties()));
    }

    @Test
    void importedPropertiesDifferingInOneFieldAreADifferentEvent() {
        // guards the comparison above: the fixture really compares the nested properties
        ImageProperties full = allProperties();
        ImageProperties changed = new ImageProperties(full.laterality(), full.modality(), full.dicomModality(),
                full.etdrsField(), full.sopInstanceUid(), full.sopClassUid(), full.photometricInterpretation(),
                full.samplesPerPixel(), full.rows(), full.columns(), full.nrOfFrames(), full.sliceThickness(),
                full.resolutionAxial(), full.resolutionHorizontal(), full.resolutionVertical(),
                full.horizontalFieldOfView(), full.anatomicRegion(), full.angiography(), full.acquisitionDateTime(),
                full.pupilDilated(), full.sourceInfoId(), full.deviceInstanceId(), full.modalityId(), full.scanId(),
                full.oldPath(), full.fdaIdentifier(), "a different alt identifier");
        assertThat(changed).isNotEqualTo(full);
        fixture.givenNoPriorActivity()
                .when(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, changed))
                .expectEvents(new ImageImportedEvent(IMAGE, SERIES, PROJECT, PATH, changed));
    }

    // --- preprocessing and deactivation ---

    @Test
    void preprocessingIsRecordedOnceAndAgainOnlyWhenItsOutcomeChanges() throws Exception {
        com.fasterxml.jackson.databind.JsonNode roi = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"success\": true, \"radius\": 40}");
        ImagePreprocessedEvent preprocessed = new ImagePreprocessedEvent(IMAGE, roi, null, 2.0);
        fixture.given(IMPORTED)
                .when(new RecordPreprocessingCommand(IMAGE, roi, null, 2.0))
                .expectEvents(preprocessed);
        fixture.given(IMPORTED, preprocessed)
                .when(new RecordPreprocessingCommand(IMAGE, roi, null, 2.0))
                .expectNoEvents();
        fixture.given(IMPORTED, preprocessed)
                .when(new RecordPreprocessingCommand(IMAGE, roi, null, 1.0))
                .expectEvents(new ImagePreprocessedEvent(IMAGE, roi, null, 1.0));
    }

    @Test
    void anImporterThatKnowsThePreprocessingOutcomeRecordsItWithTheImportAtItsOwnTime() throws Exception {
        com.fasterxml.jackson.databind.JsonNode roi = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"success\": false}");
        java.time.LocalDateTime when = java.time.LocalDateTime.parse("2020-04-01T00:00:00");
        ImagePreprocessedEvent known = new ImagePreprocessedEvent(IMAGE, roi, null, null, when);
        fixture.givenNoPriorActivity()
                .when(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, allProperties(), known))
                .expectEvents(IMPORTED, known);
        fixture.given(IMPORTED, known)
                .when(new RecordPreprocessingCommand(IMAGE, roi, null, null))
                .expectNoEvents();
    }

    @Test
    void anImageIsDeactivatedOnce() {
        fixture.given(IMPORTED)
                .when(new DeactivateImageCommand(IMAGE))
                .expectEvents(new ImageDeactivatedEvent(IMAGE));
        fixture.given(IMPORTED, new ImageDeactivatedEvent(IMAGE))
                .when(new DeactivateImageCommand(IMAGE))
                .expectNoEvents();
    }

    // --- thumbnails ---

    @Test
    void anIdentifierEmitsThumbnailsGenerated() {
        fixture.given(IMPORTED)
                .when(new RecordThumbnailsCommand(IMAGE, THUMB, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ThumbnailsGeneratedEvent(IMAGE, THUMB));
    }

    @Test
    void theSameIdentifierAgainEmitsNothing() {
        fixture.given(IMPORTED, new ThumbnailsGeneratedEvent(IMAGE, THUMB))
                .when(new RecordThumbnailsCommand(IMAGE, THUMB, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDifferentIdentifierEmitsThumbnailsGenerated() {
        fixture.given(IMPORTED, new ThumbnailsGeneratedEvent(IMAGE, THUMB))
                .when(new RecordThumbnailsCommand(IMAGE, OTHER_THUMB, null))
                .expectEvents(new ThumbnailsGeneratedEvent(IMAGE, OTHER_THUMB));
    }

    @Test
    void aFailureEmitsThumbnailsFailedWithTheReason() {
        fixture.given(IMPORTED)
                .when(new RecordThumbnailsCommand(IMAGE, null, "image file not found"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ThumbnailsFailedEvent(IMAGE, "image file not found"));
    }

    @Test
    void aSecondFailureEmitsNothing() {
        fixture.given(IMPORTED, new ThumbnailsFailedEvent(IMAGE, "image file not found"))
                .when(new RecordThumbnailsCommand(IMAGE, null, "IOException: still broken"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void successAfterFailureEmitsThumbnailsGenerated() {
        fixture.given(IMPORTED, new ThumbnailsFailedEvent(IMAGE, "image file not found"))
                .when(new RecordThumbnailsCommand(IMAGE, THUMB, null))
                .expectEvents(new ThumbnailsGeneratedEvent(IMAGE, THUMB));
    }

    @Test
    void failureAfterSuccessEmitsThumbnailsFailed() {
        // a regeneration that fails is recorded (the read model then shows thumbnail_path = '')
        fixture.given(IMPORTED, new ThumbnailsGeneratedEvent(IMAGE, THUMB))
                .when(new RecordThumbnailsCommand(IMAGE, null, "OutOfMemoryError: Java heap space"))
                .expectEvents(new ThumbnailsFailedEvent(IMAGE, "OutOfMemoryError: Java heap space"));
    }

    @Test
    void theWholeThumbnailCycleThroughCommands() {
        fixture.givenCommands(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, allProperties()),
                        new RecordThumbnailsCommand(IMAGE, null, "first failure"),
                        new RecordThumbnailsCommand(IMAGE, null, "second failure"),
                        new RecordThumbnailsCommand(IMAGE, THUMB, null))
                .when(new RecordThumbnailsCommand(IMAGE, THUMB, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failureCountsOnlyOnceThroughCommands() {
        fixture.givenCommands(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, allProperties()),
                        new RecordThumbnailsCommand(IMAGE, null, "first failure"))
                .when(new RecordThumbnailsCommand(IMAGE, null, "second failure"))
                .expectNoEvents();
    }

    // --- tag links: the rules are TagLinksTest's; these show the image's member is wired in ---

    @Test
    void attachedObjectIsTheImageItself() {
        InstanceId other = InstanceId.of(123456789L);
        fixture.given(new ImageImportedEvent(other, SERIES, PROJECT, PATH, minimalProperties()))
                .when(new AttachInstanceTagCommand(other, TAG, TAGGER, null))
                .expectEvents(new TagAttachedEvent(new TaggedObject(TagType.ImageInstance, 123456789L), TAG,
                        TAGGER, null));
    }

    @Test
    void patchOfAMissingLinkIsNotFound() {
        fixture.given(IMPORTED)
                .when(new ChangeInstanceTagCommentCommand(IMAGE, TAG, "anything"))
                .expectException(ApiException.class)
                .expectException(linkNotFound())
                .expectExceptionMessage("Link not found")
                .expectNoEvents();
    }

    @Test
    void patchWithADifferentCommentEmitsCommentChanged() {
        fixture.given(IMPORTED, ATTACHED)
                .when(new ChangeInstanceTagCommentCommand(IMAGE, TAG, "hard drusen"))
                .expectEvents(new TagCommentChangedEvent(SELF, TAG, "hard drusen"));
    }

    @Test
    void tagLinksAndThumbnailsDoNotInterfere() {
        fixture.given(IMPORTED, new ThumbnailsFailedEvent(IMAGE, "broken"), ATTACHED,
                        new ThumbnailsGeneratedEvent(IMAGE, THUMB))
                .when(new AttachInstanceTagCommand(IMAGE, TAG, TAGGER, null))
                .expectNoEvents();
    }

    @Test
    void commandHistoryAttachDetachReattach() {
        fixture.givenCommands(new ImportImageCommand(IMAGE, SERIES, PROJECT, PATH, minimalProperties()),
                        new AttachInstanceTagCommand(IMAGE, TAG, TAGGER, "first"),
                        new DetachInstanceTagCommand(IMAGE, TAG),
                        new DetachInstanceTagCommand(IMAGE, TAG))
                .when(new AttachInstanceTagCommand(IMAGE, TAG, OTHER_TAGGER, null))
                .expectEvents(new TagAttachedEvent(SELF, TAG, OTHER_TAGGER, null));
    }
}
