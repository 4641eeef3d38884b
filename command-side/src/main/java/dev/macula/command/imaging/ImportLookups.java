package dev.macula.command.imaging;

import dev.macula.api.common.NameKey;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What an import needs to find in the read models: existing projects, patients, studies and
 * series, and duplicates. The read models' unique keys remain the guard against races.
 */
@Component
class ImportLookups extends ReadModelLookups {

    ImportLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    Optional<Long> project(String name) {
        return first(Long.class, "select id from project where name_key = ?", NameKey.of(name));
    }

    Optional<Long> patient(long projectId, String identifier) {
        return first(Long.class, "select id from patient where project_id = ? and identifier_key = ?", projectId,
                NameKey.of(identifier));
    }

    Optional<Long> study(long patientId, LocalDate date) {
        return first(Long.class, "select id from study where patient_id = ? and study_date = ?", patientId, date);
    }

    /** By SeriesID when numeric, else (or then) by SeriesInstanceUid — within the study (docs/api.md §9.2 item 46). */
    Optional<Long> series(long studyId, String seriesId) {
        Optional<Long> byId = Optional.empty();
        if (seriesId.strip().matches("\\d{1,18}")) {
            byId = first(Long.class, "select id from series where id = ? and study_id = ?",
                    Long.parseLong(seriesId.strip()), studyId);
        }
        return byId.isPresent() ? byId
                : first(Long.class, "select id from series where series_instance_uid = ? and study_id = ?", seriesId,
                        studyId);
    }

    Optional<Long> imageByPath(String datasetIdentifier, Long sourceInfoId) {
        return first(Long.class,
                "select id from image_instance where dataset_identifier = ? and coalesce(source_info_id, 0) = ?",
                datasetIdentifier, sourceInfoId == null ? 0L : sourceInfoId);
    }

    Optional<Long> imageBySopInstanceUid(String uid) {
        return first(Long.class, "select id from image_instance where sop_instance_uid = ?", uid);
    }

}
