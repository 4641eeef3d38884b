package dev.macula.command.forms;

import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What writes on form annotations read from the read models: what a form is attached to now, who
 * owns a study, where an image sits, and a schema's document. Existence checks are the inherited
 * {@code exists}.
 */
@Component
class FormLookups extends ReadModelLookups {

    FormLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    /** An image's study, patient and laterality. */
    record ImagePlace(long studyId, long patientId, String laterality) {
    }

    /** What the form annotation is attached to, if it exists (ids below 1 never do). */
    Optional<Attachment> attachment(long formAnnotationId) {
        return formAnnotationId <= 0 ? Optional.empty() : jdbc.query("select * from form_annotation where id = ?",
                (rs, row) -> new Attachment(rs.getLong("form_schema_id"), rs.getLong("patient_id"),
                        (Long) rs.getObject("study_id"), (Long) rs.getObject("image_instance_id"),
                        rs.getString("laterality"), (Long) rs.getObject("sub_task_id"),
                        (Long) rs.getObject("form_annotation_reference_id")), formAnnotationId).stream().findFirst();
    }

    /** Whether the form was deleted (forms are soft-deleted); false when there is no such form. */
    boolean inactive(long formAnnotationId) {
        return first(Boolean.class, "select inactive from form_annotation where id = ?", formAnnotationId).orElse(false);
    }

    Optional<Long> patientOfStudy(long studyId) {
        return first(Long.class, "select patient_id from study where id = ?", studyId);
    }

    Optional<ImagePlace> imagePlace(long imageId) {
        return jdbc.query("""
                select st.id as study_id, st.patient_id, i.laterality from image_instance i
                join series se on se.id = i.series_id join study st on st.id = se.study_id where i.id = ?""",
                (rs, row) -> new ImagePlace(rs.getLong("study_id"), rs.getLong("patient_id"),
                        rs.getString("laterality")), imageId).stream().findFirst();
    }

    /** The schema document as stored (the schema was checked to exist before). */
    String schemaText(long schemaId) {
        return jdbc.queryForObject("select schema::text from form_schema where id = ?", String.class, schemaId);
    }
}
