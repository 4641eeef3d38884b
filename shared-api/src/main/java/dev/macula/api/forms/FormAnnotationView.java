package dev.macula.api.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagMeta;

import java.time.LocalDateTime;
import java.util.List;

/**
 * FormAnnotationGET (docs/api.md §3.0.11) with its real tags and its {@code validation} against its
 * schema: read by id and in lists, and answered by the form's write endpoints.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"form_schema_id", "patient_id", "study_id", "image_instance_id", "laterality", "sub_task_id",
        "form_data", "form_annotation_reference_id", "id", "annotation_type", "object_type", "tags", "creator",
        "date_inserted", "date_modified", "validation"})
public record FormAnnotationView(long formSchemaId, long patientId, Long studyId, Long imageInstanceId,
                                 String laterality, Long subTaskId, JsonNode formData, Long formAnnotationReferenceId,
                                 long id, String annotationType, String objectType, List<TagMeta> tags,
                                 CreatorMeta creator, LocalDateTime dateInserted, LocalDateTime dateModified,
                                 Validation validation) {

    /** {@code errors}: {@code [{"path": JSON Pointer into form_data, "message"}]}, by path. */
    @JsonPropertyOrder({"valid", "errors"})
    public record Validation(boolean valid, JsonNode errors) {
    }

    public FormAnnotationView withTags(List<TagMeta> tags) {
        return new FormAnnotationView(formSchemaId, patientId, studyId, imageInstanceId, laterality, subTaskId,
                formData, formAnnotationReferenceId, id, annotationType, objectType, tags, creator, dateInserted,
                dateModified, validation);
    }
}
