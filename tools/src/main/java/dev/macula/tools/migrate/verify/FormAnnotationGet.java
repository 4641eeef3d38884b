package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.SourceRow;

/** FormAnnotationGET (docs/api.md §3.0.11) from a FormAnnotation row with its creator's {@code CreatorName}. */
final class FormAnnotationGet {

    private FormAnnotationGet() {
    }

    /** As nested in an image's answer: {@code tags} are the FormAnnotationTag links. */
    static ObjectNode nested(SourceRow row, ArrayNode tags) {
        return of(row, tags);
    }

    /** As {@code GET /form-annotations/{id}} answers: the original's {@code tags: []}, Macula's real ones. */
    static ObjectNode standalone(SourceRow row, ArrayNode tags) {
        return of(row, Fix.to(Metas.JSON.arrayNode(), tags, "the real tags (docs/api.md §9.2 item 17)"));
    }

    private static ObjectNode of(SourceRow row, JsonNode tags) {
        ObjectNode form = Metas.JSON.objectNode().put("form_schema_id", row.id("FormSchemaID"))
                .put("patient_id", row.id("PatientID"));
        form.set("study_id", Metas.number(row.longOrNull("StudyID")));
        form.set("image_instance_id", Metas.number(row.longOrNull("ImageInstanceID")));
        form.put("laterality", row.text("Laterality"));
        form.set("sub_task_id", Metas.number(row.longOrNull("SubTaskID")));
        form.set("form_data", Metas.json(row.json("FormData")));
        form.set("form_annotation_reference_id", Metas.number(row.longOrNull("FormAnnotationReferenceID")));
        form.put("id", row.id("FormAnnotationID")).put("annotation_type", "grader_form")
                .put("object_type", !row.isNull("ImageInstanceID") ? "image_instance"
                        : !row.isNull("StudyID") ? "study" : "patient");
        form.set("tags", tags);
        form.set("creator", Metas.creator(row.id("CreatorID"), row.text("CreatorName")));
        form.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
        form.set("date_modified", SegmentationGet.dateModified(row));
        return form;
    }
}
