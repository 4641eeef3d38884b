package dev.macula.infra.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;

/** The table of migration V20: a dataset export's request and, when finished, where its zip lies. */
@Component
class ExportRecords {

    /** A stored export with its job's state. */
    record Stored(UUID id, String state, int done, Integer total, String error, String projectName, Long taskId,
                  long position, String instant, String zipPath, String zipSha256, Long zipSize, String rowCounts) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ExportRecords(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, ExportRequest request, String instant) {
        jdbc.update("""
                        insert into dataset_export (id, project_id, project_name, task_id, position, instant)
                        values (?, ?, ?, ?, ?, ?)""",
                id, request.projectId(), request.projectName(), request.taskId(), request.position(), instant);
    }

    void finish(UUID id, String zipPath, String zipSha256, long zipSize, Map<String, Integer> rowCounts) {
        try {
            jdbc.update("update dataset_export set zip_path = ?, zip_sha256 = ?, zip_size = ?, row_counts = ?::jsonb where id = ?",
                    zipPath, zipSha256, zipSize, json.writeValueAsString(rowCounts), id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when there is no such export. */
    Stored find(UUID id) {
        return jdbc.query("""
                        select e.*, e.row_counts::text as counts, j.state, j.done, j.total, j.error
                        from dataset_export e join background_job j on j.id = e.id where e.id = ?""",
                (rs, row) -> new Stored(id, rs.getString("state"), rs.getInt("done"), (Integer) rs.getObject("total"),
                        rs.getString("error"), rs.getString("project_name"), (Long) rs.getObject("task_id"),
                        rs.getLong("position"), rs.getString("instant"), rs.getString("zip_path"),
                        rs.getString("zip_sha256"), (Long) rs.getObject("zip_size"), rs.getString("counts")), id)
                .stream().findFirst().orElse(null);
    }
}
