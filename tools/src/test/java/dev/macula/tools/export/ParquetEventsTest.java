package dev.macula.tools.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Parquet file of an event export, read back with DuckDB: typed columns, every row as the lines had it. */
class ParquetEventsTest {

    private static final List<String> LINES = List.of(
            "{\"position\":3,\"type\":\"UserRegistered\",\"entity_type\":\"user\",\"entity_id\":1,\"sequence\":0,"
                    + "\"at\":\"2026-12-06T19:20:01.123456\",\"actor\":{\"id\":null,\"name\":\"system\"},"
                    + "\"request_id\":null,\"payload\":{\"user_id\":\"user:1\",\"password_hash\":\"[redacted]\"}}",
            "{\"position\":7,\"type\":\"TagCreated\",\"entity_type\":\"tag\",\"entity_id\":42,\"sequence\":0,"
                    + "\"at\":\"2026-12-06T19:21:00\",\"actor\":{\"id\":1,\"name\":\"ann\"},"
                    + "\"request_id\":\"req-7\",\"payload\":{\"name\":\"drusen \\\"large\\\"\",\"tags\":[1,2],\"nested\":{\"a\":null}}}",
            "{\"position\":12,\"type\":\"Odd\",\"entity_type\":\"thing\",\"entity_id\":null,\"sequence\":5,"
                    + "\"at\":\"2026-12-07T00:00:00.5\",\"actor\":{\"id\":9007199254740993,\"name\":\"Zoë\"},"
                    + "\"request_id\":\"r\",\"payload\":{}}");

    @Test
    void rowsReadBackAsTheLinesWithTypedColumns(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("events.ndjson");
        Files.write(lines, LINES);
        Path parquet = dir.resolve("it's events.parquet");

        ParquetEvents.write(lines, parquet);

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            List<String> types = new ArrayList<>();
            try (ResultSet described = statement.executeQuery("select column_name, column_type from (describe select * from '"
                    + parquet.toString().replace("'", "''") + "')")) {
                while (described.next()) {
                    types.add(described.getString(1) + " " + described.getString(2));
                }
            }
            assertThat(types).containsExactly("position BIGINT", "type VARCHAR", "entity_type VARCHAR",
                    "entity_id VARCHAR", "sequence BIGINT", "at TIMESTAMP", "actor_id BIGINT", "actor_name VARCHAR",
                    "request_id VARCHAR", "payload VARCHAR");

            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select * from '" + parquet.toString().replace("'", "''") + "'")) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= 10; c++) {
                        Object value = rs.getObject(c);
                        row.add(value instanceof Timestamp t ? t.toLocalDateTime() : value);
                    }
                    rows.add(row);
                }
            }
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).containsExactly(3L, "UserRegistered", "user", "1", 0L,
                    LocalDateTime.parse("2026-12-06T19:20:01.123456"), null, "system", null,
                    "{\"user_id\":\"user:1\",\"password_hash\":\"[redacted]\"}");
            assertThat(rows.get(1)).containsExactly(7L, "TagCreated", "tag", "42", 0L,
                    LocalDateTime.parse("2026-12-06T19:21:00"), 1L, "ann", "req-7",
                    "{\"name\":\"drusen \\\"large\\\"\",\"tags\":[1,2],\"nested\":{\"a\":null}}");
            assertThat(rows.get(2)).containsExactly(12L, "Odd", "thing", null, 5L,
                    LocalDateTime.parse("2026-12-07T00:00:00.5"), 9007199254740993L, "Zoë", "r", "{}");

            try (ResultSet json = statement.executeQuery("select payload::json->>'name' from '"
                    + parquet.toString().replace("'", "''") + "' where position = 7")) {
                assertThat(json.next()).isTrue();
                assertThat(json.getString(1)).as("the payload is JSON DuckDB reads").isEqualTo("drusen \"large\"");
            }
        }
    }

    @Test
    void positionsAreReadFromTheLineStart() throws Exception {
        assertThat(EventExportCli.position(LINES.get(1))).isEqualTo(7);
    }

    @Test
    void optionsNeedAnOutputAndKnowTheFormatFromTheName() {
        assertThat(EventExportCli.Options.parse(new String[] {"--out", "x.parquet"}).format()).isEqualTo("parquet");
        assertThat(EventExportCli.Options.parse(new String[] {"--out", "x.ndjson", "--after", "5"}).after()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventExportCli.Options.parse(new String[] {"--after", "1"}))
                .hasMessageContaining("--out");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventExportCli.Options.parse(
                new String[] {"--out", "x", "--format", "csv"})).hasMessageContaining("ndjson or parquet");
    }
}
