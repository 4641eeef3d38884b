package dev.macula.api.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.imaging.ImagingEnums.Sex;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Facts of the imaging hierarchy. */
public final class ImagingEvents {

    private ImagingEvents() {
    }

    @Revision("1")
    public record ProjectCreatedEvent(ProjectId projectId, String name, String external, String description) {
    }

    @Revision("1")
    public record PatientRegisteredEvent(PatientId patientId, ProjectId projectId, String identifier,
                                         LocalDate birthDate, Sex sex) {
    }

    @Revision("1")
    public record StudyRecordedEvent(StudyId studyId, PatientId patientId, LocalDate studyDate, Integer studyRound,
                                     String description) {
    }

    @Revision("1")
    public record SeriesCreatedEvent(SeriesId seriesId, StudyId studyId, Integer seriesNumber,
                                     String seriesInstanceUid, String studyInstanceUid) {
    }

    /** {@code projectId} is carried so thumbnail naming and projections need no lookup. */
    @Revision("1")
    public record ImageImportedEvent(InstanceId instanceId, SeriesId seriesId, ProjectId projectId,
                                     String datasetIdentifier, ImageProperties properties) {
    }

    @Revision("1")
    public record ThumbnailsGeneratedEvent(InstanceId instanceId, String thumbnailPath) {
    }

    @Revision("1")
    public record ThumbnailsFailedEvent(InstanceId instanceId, String reason) {
    }

    /** {@code preprocessedAt} (UTC): when, if not when the event happened (a migrated image's DatePreprocessed). */
    @Revision("1")
    public record ImagePreprocessedEvent(InstanceId instanceId, JsonNode cfRoi, JsonNode cfKeypoints, Double cfQuality,
                                         java.time.LocalDateTime preprocessedAt) {

        public ImagePreprocessedEvent(InstanceId instanceId, JsonNode cfRoi, JsonNode cfKeypoints, Double cfQuality) {
            this(instanceId, cfRoi, cfKeypoints, cfQuality, null);
        }

        /** The same outcome, whenever it was found. */
        public boolean sameOutcome(ImagePreprocessedEvent other) {
            return other != null && java.util.Objects.equals(cfRoi, other.cfRoi)
                    && java.util.Objects.equals(cfKeypoints, other.cfKeypoints)
                    && java.util.Objects.equals(cfQuality, other.cfQuality);
        }
    }

    @Revision("1")
    public record ImageDeactivatedEvent(InstanceId instanceId) {
    }
}
