package dev.macula.infra.exports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.NameKey;
import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import dev.macula.infra.jobs.JobRunner;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dataset snapshots (issue 15 item 2): {@code POST /api/admin/exports} with
 * {@code {"project": NAME, "task_id"?, "as_of"?}} starts a background job (kind {@code export}, one at
 * a time) and answers 202 {@code {"task_id"}}; {@code GET /api/admin/exports/{task_id}} shows its state
 * and {@code GET /api/admin/exports/{task_id}/download} the finished zip. The project and task are
 * looked up as they were at the snapshot's moment; one that did not exist then is a 422 on its body
 * field, like every other reference in a request body. Admins only ({@code /api/admin/**}).
 */
@RestController
class DatasetExportController {

    static final String KIND = "export";

    private final JobRunner jobs;
    private final DatasetExportJob export;
    private final ExportRecords records;
    private final TimeTravel timeTravel;
    private final JdbcTemplate jdbc;

    DatasetExportController(JobRunner jobs, DatasetExportJob export, ExportRecords records, TimeTravel timeTravel,
                            JdbcTemplate jdbc) {
        this.jobs = jobs;
        this.export = export;
        this.records = records;
        this.timeTravel = timeTravel;
        this.jdbc = jdbc;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Started(UUID taskId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"task_id", "state", "done", "total", "error", "project", "task", "position", "instant",
            "row_counts", "zip_sha256", "zip_size"})
    record ExportView(UUID taskId, String state, int done, Integer total, String error, String project, Long task,
                      long position, String instant, @JsonRawValue String rowCounts, String zipSha256, Long zipSize) {
    }

    @PostMapping("/api/admin/exports")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started start(JsonBody body, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser admin) {
        ExportRequest request = read(body);
        String instant = jdbc.queryForList("select timestamp from domainevententry where globalindex = ?", String.class,
                request.position()).stream().findFirst().orElse(null);
        UUID id = jobs.startIfIdle(KIND, admin.id(), taskId -> records.insert(taskId, request, instant),
                        tracker -> export.run(tracker.id(), request, instant, tracker))
                .orElseThrow(() -> ApiException.conflict("An export is running; start the next one when it has finished"));
        return new Started(id);
    }

    @GetMapping("/api/admin/exports/{task_id}")
    ExportView state(@PathVariable("task_id") String taskId) {
        ExportRecords.Stored stored = stored(taskId);
        return new ExportView(stored.id(), stored.state(), stored.done(), stored.total(), stored.error(),
                stored.projectName(), stored.taskId(), stored.position(), stored.instant(), stored.rowCounts(),
                stored.zipSha256(), stored.zipSize());
    }

    @GetMapping("/api/admin/exports/{task_id}/download")
    ResponseEntity<Resource> download(@PathVariable("task_id") String taskId) {
        ExportRecords.Stored stored = stored(taskId);
        if (!stored.state().equals("finished")) {
            throw ApiException.conflict("The export is not finished (state: " + stored.state() + ")");
        }
        Path zip = Path.of(stored.zipPath());
        if (!Files.isRegularFile(zip)) {
            throw ApiException.notFound("The export's file is gone");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dataset-" + stored.position() + ".zip\"")
                .body(new FileSystemResource(zip));
    }

    private ExportRecords.Stored stored(String taskId) {
        ExportRecords.Stored stored;
        try {
            stored = records.find(UUID.fromString(taskId));
        } catch (IllegalArgumentException e) {
            stored = null;
        }
        if (stored == null) {
            throw ApiException.notFound("Export not found");
        }
        return stored;
    }

    private ExportRequest read(JsonBody body) {
        String project = body.requiredString("project", 255);
        Long taskId = body.optionalInt("task_id");
        JsonNode asOfRaw = body.raw(AsOf.PARAMETER);
        body.validate();
        List<Object> loc = List.of("body", AsOf.PARAMETER);
        long position;
        if (asOfRaw == null || asOfRaw.isNull()) {
            long head = jdbc.queryForObject("select coalesce(max(globalindex), 0) from domainevententry", Long.class);
            position = timeTravel.resolve(new AsOf.Position(head), head, loc);
        } else {
            String raw = asOfRaw.isNumber() ? asOfRaw.asText() : asOfRaw.isTextual() ? asOfRaw.asText() : asOfRaw.toString();
            position = timeTravel.resolve(AsOf.parse(raw, loc), JsonBody.inputOf(asOfRaw), loc);
        }
        Map<String, Object> found = timeTravel.at(position, () -> Map.of(
                "project", jdbc.queryForList("select id, name from project where name_key = ?", NameKey.of(project)),
                "task", taskId == null ? List.of() : jdbc.queryForList("select id from task where id = ?", Long.class, taskId)));
        List<?> projects = (List<?>) found.get("project");
        if (projects.isEmpty()) {
            throw AsOf.invalid(project, List.of("body", "project"), "no project is named " + project
                    + (asOfRaw == null ? "" : " at that moment"));
        }
        if (taskId != null && ((List<?>) found.get("task")).isEmpty()) {
            throw AsOf.invalid(taskId, List.of("body", "task_id"), "no task has the id " + taskId
                    + (asOfRaw == null ? "" : " at that moment"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) projects.getFirst();
        return new ExportRequest(((Number) row.get("id")).longValue(), (String) row.get("name"), taskId, position);
    }
}
