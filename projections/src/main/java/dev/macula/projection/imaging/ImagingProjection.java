package dev.macula.projection.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.NameKey;
import dev.macula.api.imaging.DeviceMessages.DeviceInstanceRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.ScanModeRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.DeviceModelRegisteredEvent;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingEvents.ImageDeactivatedEvent;
import dev.macula.api.imaging.ImagingEvents.ImageImportedEvent;
import dev.macula.api.imaging.ImagingEvents.ImagePreprocessedEvent;
import dev.macula.api.imaging.ImagingEvents.PatientRegisteredEvent;
import dev.macula.api.imaging.ImagingEvents.ProjectCreatedEvent;
import dev.macula.api.imaging.ImagingEvents.SeriesCreatedEvent;
import dev.macula.api.imaging.ImagingEvents.StudyRecordedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsFailedEvent;
import dev.macula.api.imaging.ImagingEvents.ThumbnailsGeneratedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;

/**
 * The hierarchy read model: project, patient, study, series, image_instance. Inline (subscribing):
 * its unique keys — project name, patient identifier per project, one study per patient and date,
 * series UID, image per path and source — reject a duplicate inside the import's transaction.
 */
@Component
@ProcessingGroup(ImagingProjection.GROUP)
@InlineReadModel(tables = {"image_instance", "series", "study", "patient", "project", "device_instance", "device_model",
        "scan"})
class ImagingProjection {

    static final String GROUP = "imaging";

    private final JdbcTemplate jdbc;

    ImagingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into project (id, name, name_key, external, description, date_inserted)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.projectId().value(), event.name(), NameKey.of(event.name()), event.external(),
                event.description(), Times.seconds(at));
    }

    @EventHandler
    void on(PatientRegisteredEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into patient (id, project_id, identifier, identifier_key, birth_date, sex, date_inserted)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.patientId().value(), event.projectId().value(), event.identifier(),
                NameKey.of(event.identifier()), event.birthDate() == null ? null : Date.valueOf(event.birthDate()),
                event.sex() == null ? null : event.sex().name(), Times.seconds(at));
    }

    @EventHandler
    void on(StudyRecordedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into study (id, patient_id, study_date, study_round, description, date_inserted)
                values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.studyId().value(), event.patientId().value(), Date.valueOf(event.studyDate()),
                event.studyRound(), event.description(), Times.seconds(at));
    }

    @EventHandler
    void on(SeriesCreatedEvent event) {
        jdbc.update("""
                insert into series (id, study_id, series_number, series_instance_uid, study_instance_uid)
                values (?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.seriesId().value(), event.studyId().value(), event.seriesNumber(), event.seriesInstanceUid(),
                event.studyInstanceUid());
    }

    @EventHandler
    void on(ImageImportedEvent event, @Timestamp Instant at) {
        ImageProperties p = event.properties();
        jdbc.update("""
                insert into image_instance (id, series_id, project_id, dataset_identifier, source_info_id,
                    device_instance_id, modality_id, scan_id, laterality, modality, dicom_modality, etdrs_field,
                    sop_instance_uid, sop_class_uid, photometric_interpretation, samples_per_pixel, rows_y, columns_x,
                    nr_of_frames, slice_thickness, resolution_axial, resolution_horizontal, resolution_vertical,
                    horizontal_field_of_view, anatomic_region, angiography, acquisition_date_time, pupil_dilated,
                    old_path, fda_identifier, alt_dataset_identifier, date_inserted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do nothing""",
                event.instanceId().value(), event.seriesId().value(), event.projectId().value(),
                event.datasetIdentifier(), p.sourceInfoId(), p.deviceInstanceId(), p.modalityId(), p.scanId(),
                p.laterality().name(), name(p.modality()), name(p.dicomModality()), name(p.etdrsField()),
                p.sopInstanceUid(), p.sopClassUid(), p.photometricInterpretation(), p.samplesPerPixel(), p.rows(),
                p.columns(), p.nrOfFrames(), p.sliceThickness(), p.resolutionAxial(), p.resolutionHorizontal(),
                p.resolutionVertical(), p.horizontalFieldOfView(), p.anatomicRegion(), p.angiography(),
                p.acquisitionDateTime() == null ? null : java.sql.Timestamp.valueOf(p.acquisitionDateTime()),
                p.pupilDilated(), p.oldPath(), p.fdaIdentifier(), p.altDatasetIdentifier(), Times.seconds(at));
    }

    @EventHandler
    void on(ThumbnailsGeneratedEvent event, @Timestamp Instant at) {
        jdbc.update("update image_instance set thumbnail_path = ?, date_modified = ? where id = ?",
                event.thumbnailPath(), Times.seconds(at), event.instanceId().value());
    }

    @EventHandler
    void on(ImagePreprocessedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                update image_instance set cf_roi = ?::jsonb, cf_keypoints = ?::jsonb, cf_quality = ?,
                    date_preprocessed = ? where id = ?""",
                json(event.cfRoi()), json(event.cfKeypoints()), event.cfQuality(),
                event.preprocessedAt() != null ? Times.utc(event.preprocessedAt()) : Times.seconds(at),
                event.instanceId().value());
    }

    @EventHandler
    void on(ImageDeactivatedEvent event, @Timestamp Instant at) {
        jdbc.update("update image_instance set inactive = true, date_modified = ? where id = ?", Times.seconds(at),
                event.instanceId().value());
    }

    private static String json(com.fasterxml.jackson.databind.JsonNode value) {
        return value == null || value.isNull() ? null : value.toString();
    }

    @EventHandler
    void on(ThumbnailsFailedEvent event, @Timestamp Instant at) {
        jdbc.update("update image_instance set thumbnail_path = '', date_modified = ? where id = ?",
                Times.seconds(at), event.instanceId().value());
    }

    @EventHandler
    void on(DeviceModelRegisteredEvent event) {
        try {
            jdbc.update("insert into device_model (id, manufacturer, model) values (?, ?, ?) on conflict (id) do nothing",
                    event.deviceModelId().value(), event.manufacturer(), event.model());
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Device model '" + event.manufacturer() + " " + event.model() + "' already exists");
        }
    }

    @EventHandler
    void on(DeviceInstanceRegisteredEvent event) {
        jdbc.update("""
                insert into device_instance (id, device_model_id, serial_number, description)
                values (?, ?, ?, ?) on conflict (id) do nothing""",
                event.deviceInstanceId(), event.deviceModelId().value(), event.serialNumber(), event.description());
    }

    @EventHandler
    void on(ScanModeRegisteredEvent event) {
        jdbc.update("insert into scan (id, scan_mode) values (?, ?) on conflict (id) do nothing", event.scanId(),
                event.mode());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
