package dev.macula.projection.forms;

import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationCreatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationDeactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationReactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationUpdatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormDataReplacedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * {@code form_annotation}; inline. Also keeps each form's validity against its schema
 * ({@code valid}, {@code validation_errors}): derived from the form's data and the schema, never a
 * fact in an event, recomputed after every event that changes either, so a replay reproduces it.
 * Schemas are immutable (no command changes one); were that to change, their update event would
 * have to revalidate {@code where form_schema_id = ?} here.
 */
@Component
@ProcessingGroup(FormAnnotationProjection.GROUP)
@InlineReadModel(tables = "form_annotation")
class FormAnnotationProjection {

    static final String GROUP = "form-annotations";

    private final JdbcTemplate jdbc;
    private final FormValidity validity;

    FormAnnotationProjection(JdbcTemplate jdbc, FormValidity validity) {
        this.jdbc = jdbc;
        this.validity = validity;
    }

    @EventHandler
    void on(FormAnnotationCreatedEvent event, @Timestamp Instant at) {
        Attachment a = event.attachment();
        jdbc.update("""
                insert into form_annotation (id, form_schema_id, patient_id, study_id, image_instance_id, laterality,
                    sub_task_id, form_data, form_annotation_reference_id, creator_id, date_inserted, date_modified)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.formAnnotationId().value(), a.formSchemaId(), a.patientId(), a.studyId(), a.imageInstanceId(),
                a.laterality(), a.subTaskId(), event.formData() == null ? null : event.formData().toString(),
                a.formAnnotationReferenceId(), event.creatorId().value(), Times.seconds(at), Times.seconds(at));
        validity.revalidate(event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationUpdatedEvent event, @Timestamp Instant at) {
        Attachment a = event.attachment();
        jdbc.update("""
                update form_annotation set form_schema_id = ?, patient_id = ?, study_id = ?, image_instance_id = ?,
                    laterality = ?, sub_task_id = ?, form_annotation_reference_id = ?, date_modified = ?
                where id = ?""",
                a.formSchemaId(), a.patientId(), a.studyId(), a.imageInstanceId(), a.laterality(), a.subTaskId(),
                a.formAnnotationReferenceId(), Times.seconds(at), event.formAnnotationId().value());
        validity.revalidate(event.formAnnotationId().value()); // the schema may have changed
    }

    @EventHandler
    void on(FormDataReplacedEvent event, @Timestamp Instant at) {
        jdbc.update("update form_annotation set form_data = ?::jsonb, date_modified = ? where id = ?",
                event.formData() == null || event.formData().isNull() ? null : event.formData().toString(),
                Times.seconds(at), event.formAnnotationId().value());
        validity.revalidate(event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationDeactivatedEvent event, @Timestamp Instant at) {
        jdbc.update("update form_annotation set inactive = true, date_modified = ? where id = ?", Times.seconds(at),
                event.formAnnotationId().value());
    }

    @EventHandler
    void on(FormAnnotationReactivatedEvent event, @Timestamp Instant at) {
        jdbc.update("update form_annotation set inactive = false, date_modified = ? where id = ?", Times.seconds(at),
                event.formAnnotationId().value());
    }
}
