package dev.macula.command.imaging;

import dev.macula.api.common.NameKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What an import needs to find in the read models: existing projects, patients, studies and
 * series, and duplicates. The read models' unique keys remain the guard against races.
 */
@Component
class ImportLookups {

    private final JdbcTemplate jdbc;

    ImportLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> project(String name) {
        return first("select id from project where name_key = ?", NameKey.of(name));
    }

    Optional<Long> patient(long projectId, String identifier) {
        return first("select id from patient where project_id = ? and identifier_key = ?", projectId,
                NameKey.of(identifier));
    }

    Optional<Long> study(long patientId, LocalDate date) {
        return first("select id from study where patient_id = ? and study_date = ?", patientId, date);
    }

    /** By SeriesID when numeric, else (or then) by SeriesInstanceUid — within the study (§9.2 item 46). */
    Optional<Long> series(long studyId, String seriesId) {
        Optional<Long> byId = Optional.empty();
        if (seriesId.strip().matches("\\d{1,18}")) {
            byId = first("select id from series where id = ? and study_id = ?", Long.parseLong(seriesId.strip()), studyId);
        }
        return byId.isPresent() ? byId
                : first("select id from series where series_instance_uid = ? and study_id = ?", seriesId, studyId);
    }

    Optional<Long> imageByPath(String datasetIdentifier, Long sourceInfoId) {
        return first("select id from image_instance where dataset_identifier = ? and coalesce(source_info_id, 0) = ?",
                datasetIdentifier, sourceInfoId == null ? 0L : sourceInfoId);
    }

    Optional<Long> imageBySopInstanceUid(String uid) {
        return first("select id from image_instance where sop_instance_uid = ?", uid);
    }

    boolean exists(String table, long id) {
        return first("select id from " + table + " where id = ?", id).isPresent();
    }

    private Optional<Long> first(String sql, Object... args) {
        return jdbc.queryForList(sql, Long.class, args).stream().findFirst();
    }
}
