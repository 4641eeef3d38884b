package dev.macula.api.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.ImagingEnums.Sex;
import dev.macula.api.tagging.TagId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Commands that build the Project → Patient → Study → Series → ImageInstance hierarchy. */
public final class ImagingCommands {

    private ImagingCommands() {
    }

    public record CreateProjectCommand(@TargetAggregateIdentifier ProjectId projectId, String name, String external,
                                       String description) {
    }

    public record RegisterPatientCommand(@TargetAggregateIdentifier PatientId patientId, ProjectId projectId,
                                         String identifier, LocalDate birthDate, Sex sex) {
    }

    public record RecordStudyCommand(@TargetAggregateIdentifier StudyId studyId, PatientId patientId,
                                     LocalDate studyDate, Integer studyRound, String description) {
    }

    public record CreateSeriesCommand(@TargetAggregateIdentifier SeriesId seriesId, StudyId studyId,
                                      Integer seriesNumber, String seriesInstanceUid, String studyInstanceUid) {
    }

    /**
     * {@code preprocessing}: what preprocessing found, when the importer knows it already (a migration
     * of preprocessed images: one command instead of two); null for a fresh image.
     */
    public record ImportImageCommand(@TargetAggregateIdentifier InstanceId instanceId, SeriesId seriesId,
                                     ProjectId projectId, String datasetIdentifier, ImageProperties properties,
                                     ImagingEvents.ImagePreprocessedEvent preprocessing) {

        public ImportImageCommand(InstanceId instanceId, SeriesId seriesId, ProjectId projectId,
                                  String datasetIdentifier, ImageProperties properties) {
            this(instanceId, seriesId, projectId, datasetIdentifier, properties, null);
        }
    }

    /** Outcome of thumbnail generation: an identifier, or {@code ""} when it failed (docs/api.md §5.4). */
    public record RecordThumbnailsCommand(@TargetAggregateIdentifier InstanceId instanceId, String thumbnailPath,
                                          String failure) {
    }

    public record AttachInstanceTagCommand(@TargetAggregateIdentifier InstanceId instanceId, TagId tagId,
                                           UserId taggerId, String comment) {
    }

    public record ChangeInstanceTagCommentCommand(@TargetAggregateIdentifier InstanceId instanceId, TagId tagId,
                                                  String comment) {
    }

    public record DetachInstanceTagCommand(@TargetAggregateIdentifier InstanceId instanceId, TagId tagId) {
    }

    public record AttachStudyTagCommand(@TargetAggregateIdentifier StudyId studyId, TagId tagId, UserId taggerId,
                                        String comment) {
    }

    public record ChangeStudyTagCommentCommand(@TargetAggregateIdentifier StudyId studyId, TagId tagId,
                                               String comment) {
    }

    public record DetachStudyTagCommand(@TargetAggregateIdentifier StudyId studyId, TagId tagId) {
    }

    /**
     * What preprocessing found in a colour fundus image (docs/api.md §5.6): the fundus bounds, keypoints
     * and a quality grade; the time it was done is the event's.
     */
    public record RecordPreprocessingCommand(@TargetAggregateIdentifier InstanceId instanceId, JsonNode cfRoi,
                                             JsonNode cfKeypoints, Double cfQuality) {
    }

    /** The image leaves searches and study listings; it stays readable by id (the original's Inactive). */
    public record DeactivateImageCommand(@TargetAggregateIdentifier InstanceId instanceId) {
    }
}
