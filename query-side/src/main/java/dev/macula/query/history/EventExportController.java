package dev.macula.query.history;

import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/admin/events?after=&limit=&types=&entity_type=} (admins; the security configuration
 * guards {@code /api/admin/**}): every stored event after position {@code after}, in position order,
 * as {@code application/x-ndjson} — one {@link dev.macula.api.history.EventExportLine} a line, written
 * as it is read (constant memory without {@code limit}). The response ends at the committed horizon
 * (header {@value #HORIZON_HEADER}), so resuming with {@code after=<the last line's position>}
 * misses and repeats nothing; when a response brought fewer lines than {@code limit} (or had none),
 * resuming from the header's position skips only events the filters do not want.
 * <p>
 * It streams from the request's (virtual) thread straight to the servlet output, not through the
 * query bus: a query answers one value, this answers millions of lines. Batches of lines are rendered
 * on the other cores while the cursor is read ({@link EventExporter}).
 */
@RestController
class EventExportController {

    static final String HORIZON_HEADER = "Macula-Export-Horizon";
    static final String NDJSON = "application/x-ndjson";

    private final EventExporter exporter;

    EventExportController(EventExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping(value = "/api/admin/events")
    void events(@RequestParam(name = "after", required = false) String after,
                @RequestParam(name = "limit", required = false) String limit,
                @RequestParam(name = "types", required = false) String types,
                @RequestParam(name = "entity_type", required = false) String entityType,
                HttpServletResponse response) throws IOException {
        long from = LaxValues.queryLong("after", after, 0, 0, Long.MAX_VALUE);
        long most = LaxValues.queryLong("limit", limit, Long.MAX_VALUE, 1, Long.MAX_VALUE);
        Set<String> payloadTypes = payloadTypes(types);
        String entity = HistoryQueryController.entityType(entityType);
        long upTo = exporter.horizon();

        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HORIZON_HEADER, Long.toString(upTo));
        OutputStream body = response.getOutputStream();
        exporter.export(from, upTo, most, payloadTypes, entity, chunk -> {
            try {
                chunk.writeTo(body);
                body.flush(); // a chunk is a batch of lines: a reader sees progress, without a flush per line
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the client went away: the cursor closes, the request ends
            }
        });
        body.flush();
    }

    /** {@code TagCreated,TagDeleted} → their stored payload types; an unknown name is a 422 listing the known. */
    private Set<String> payloadTypes(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> names = Arrays.stream(raw.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
        Set<String> unknown = new TreeSet<>();
        Set<String> stored = new LinkedHashSet<>();
        for (String name : names) {
            Set<String> of = exporter.types().stored(name);
            if (of == null) {
                unknown.add(name);
            } else {
                stored.addAll(of);
            }
        }
        if (names.isEmpty() || !unknown.isEmpty()) {
            String expected = String.join(", ", exporter.types().names());
            throw new RequestValidationException(new ValidationError("enum", List.of("query", "types"),
                    (names.isEmpty() ? "Input should name at least one event type" : "Unknown event types " + unknown)
                            + "; a comma-separated list of: " + expected, raw, Map.of("expected", expected)));
        }
        return stored;
    }
}
