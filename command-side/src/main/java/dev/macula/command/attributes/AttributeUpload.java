package dev.macula.command.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.macula.api.common.ApiException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data frame of {@code POST /api/attributes/import}, as rows of named cells: CSV with a header
 * line ({@code text/csv}; every cell is text) or NDJSON, one object per line
 * ({@code application/x-ndjson}; a JSON attribute's value may then be any JSON). Column names are
 * matched case-insensitively; unknown columns are an error, so a typo does not go unnoticed.
 */
final class AttributeUpload {

    static final List<String> REQUIRED = List.of("entity_kind", "entity_id", "attribute", "value", "model",
            "model_version");
    static final List<String> OPTIONAL = List.of("data_type", "laterality", "model_description");
    /** One request's rows; a bigger frame is sent in parts (each part is idempotent). */
    static final int MAX_ROWS = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    /** One row: its number in the upload (1 = the first data row), its cells, and whether they are all text (CSV). */
    record Row(int number, ObjectNode cells, boolean textCells) {

        JsonNode cell(String column) {
            JsonNode cell = cells.get(column);
            return cell == null || cell.isMissingNode() ? null : cell;
        }
    }

    private AttributeUpload() {
    }

    static List<Row> read(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body == null || body.length == 0) {
            throw new ApiException(422, "The body is empty: send a CSV (text/csv) or NDJSON (application/x-ndjson)"
                    + " data frame with the columns " + String.join(", ", REQUIRED));
        }
        List<Row> rows = type.startsWith("text/csv") ? csv(body)
                : type.contains("ndjson") || type.contains("jsonl") || type.startsWith("application/json") ? ndjson(body)
                : null;
        if (rows == null) {
            throw new ApiException(415, "Send the data frame as text/csv or application/x-ndjson, not '"
                    + contentType + "'");
        }
        if (rows.size() > MAX_ROWS) {
            throw new ApiException(413, "At most " + MAX_ROWS + " rows per import; send the frame in parts");
        }
        return rows;
    }

    private static List<Row> csv(byte[] body) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            while (lines.hasNextValue()) {
                ObjectNode cells = JsonNodeFactory.instance.objectNode();
                lines.nextValue().forEach((column, text) -> cells.put(normal(column), text));
                rows.add(new Row(rows.size() + 1, cells, true));
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiException(422, "Row " + (rows.size() + 1) + " is not CSV this import reads: "
                    + firstLine(e.getMessage()));
        }
        return rows;
    }

    private static List<Row> ndjson(byte[] body) {
        List<Row> rows = new ArrayList<>();
        String[] lines = new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n");
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new ApiException(422, "Row " + (rows.size() + 1) + " is not JSON: " + firstLine(e.getMessage()));
            }
            if (!(node instanceof ObjectNode object)) {
                throw new ApiException(422, "Row " + (rows.size() + 1) + " is not a JSON object");
            }
            ObjectNode cells = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> cells.set(normal(field.getKey()), field.getValue()));
            rows.add(new Row(rows.size() + 1, cells, false));
        }
        return rows;
    }

    private static String normal(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
