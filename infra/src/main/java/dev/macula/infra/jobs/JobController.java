package dev.macula.infra.jobs;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** {@code GET /api/jobs/{task_id}}: the state of any background job (new; the original's task_id was write-only). */
@RestController
class JobController {

    private final JdbcTemplate jdbc;

    JobController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"task_id", "kind", "state", "done", "total", "failed", "started_at", "finished_at", "error"})
    record JobView(UUID taskId, String kind, String state, int done, Integer total, int failed,
                   LocalDateTime startedAt, LocalDateTime finishedAt, String error) {
    }

    @GetMapping("/api/jobs/{task_id}")
    JobView job(@PathVariable("task_id") String taskId) {
        UUID id;
        try {
            id = UUID.fromString(taskId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Job not found");
        }
        return jdbc.query("select * from background_job where id = ?", (rs, row) -> new JobView(
                        (UUID) rs.getObject("id"), rs.getString("kind"), rs.getString("state"), rs.getInt("done"),
                        (Integer) rs.getObject("total"), rs.getInt("failed"), utc(rs.getTimestamp("started_at")),
                        utc(rs.getTimestamp("finished_at")), rs.getString("error")), id)
                .stream().findFirst().orElseThrow(() -> ApiException.notFound("Job not found"));
    }

    private static LocalDateTime utc(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0);
    }
}
