package dev.macula.query.imaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.tagging.TagMeta;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** The wire shapes of images, studies and devices (docs/api.md §3.0.1, docs/api.md §3.0.3–3.0.5). */
public final class ImagingViews {

    private ImagingViews() {
    }

    public record ProjectMeta(long id, String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PatientMeta(long id, String identifier, LocalDate birthDate) {
    }

    /** Study dates are shown as midnight datetimes (docs/api.md §0.4). */
    public record StudyMeta(long id, LocalDateTime date) {
    }

    public record SeriesMeta(long id) {
    }

    public record DeviceMeta(String manufacturer, String model) {
    }

    public record ScanMeta(String mode) {
    }

    public record DeviceModelView(long id, String manufacturer, String model) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "laterality", "series_number", "series_instance_uid", "instance_ids"})
    public record SeriesView(long id, String laterality, Integer seriesNumber, String seriesInstanceUid,
                      List<Long> instanceIds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "description", "date", "age", "project", "patient", "series", "tags"})
    public record StudyView(long id, String description, LocalDateTime date, Double age, ProjectMeta project,
                     PatientMeta patient, List<SeriesView> series, List<TagMeta> tags) {
    }

    /** The lightweight image of study search responses (docs/api.md §3.0.6). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "thumbnail_path", "modality", "dicom_modality", "etdrs_field", "laterality",
            "anatomic_region", "device", "tags"})
    public record InstanceMeta(long id, String thumbnailPath, String modality, String dicomModality, String etdrsField,
                               String laterality, String anatomicRegion, DeviceMeta device, List<TagMeta> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"sop_instance_uid", "dataset_identifier", "thumbnail_identifier", "thumbnail_path", "modality",
            "dicom_modality", "etdrs_field", "angio_graphy", "laterality", "anatomic_region", "rows", "columns",
            "nr_of_frames", "resolution_horizontal", "resolution_vertical", "resolution_axial", "cf_roi",
            "cf_keypoints", "cf_quality", "date_inserted", "date_modified", "date_preprocessed", "id", "project",
            "patient", "study", "series", "device", "scan", "tags", "segmentations", "model_segmentations",
            "form_annotations", "attributes"})
    public record InstanceView(String sopInstanceUid, String datasetIdentifier, String thumbnailIdentifier,
                        String thumbnailPath, String modality, String dicomModality, String etdrsField,
                        @JsonProperty("angio_graphy") String angioGraphy, String laterality, String anatomicRegion,
                        int rows, int columns, int nrOfFrames, double resolutionHorizontal, double resolutionVertical,
                        double resolutionAxial, JsonNode cfRoi, JsonNode cfKeypoints, Double cfQuality,
                        LocalDateTime dateInserted, LocalDateTime dateModified, LocalDateTime datePreprocessed, long id,
                        ProjectMeta project, PatientMeta patient, StudyMeta study, SeriesMeta series, DeviceMeta device,
                        ScanMeta scan, List<TagMeta> tags, List<?> segmentations, List<?> modelSegmentations,
                        List<?> formAnnotations, Map<String, Object> attributes) {
    }
}
