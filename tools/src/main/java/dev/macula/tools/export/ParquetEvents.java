package dev.macula.tools.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Turns an event export in NDJSON (the lines of {@code GET /api/admin/events}) into one Parquet file
 * with typed columns — {@code position BIGINT, type, entity_type, entity_id (text), sequence BIGINT,
 * at TIMESTAMP, actor_id BIGINT, actor_name, request_id, payload (JSON text)} — with DuckDB, which
 * reads the file in a stream and writes row groups as it goes (memory stays flat). Rows keep the
 * file's order, i.e. position order.
 */
public final class ParquetEvents {

    /** The columns a line has, typed: DuckDB then checks every line against them. */
    private static final String COLUMNS = "{'position': 'BIGINT', 'type': 'VARCHAR', 'entity_type': 'VARCHAR',"
            + " 'entity_id': 'VARCHAR', 'sequence': 'BIGINT', 'at': 'TIMESTAMP',"
            + " 'actor': 'STRUCT(id BIGINT, name VARCHAR)', 'request_id': 'VARCHAR', 'payload': 'JSON'}";

    private ParquetEvents() {
    }

    /** Writes {@code parquet} (replacing it) from the NDJSON file {@code lines}. */
    public static void write(Path lines, Path parquet) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement()) {
            statement.execute("set preserve_insertion_order = true");
            // quoted: position, type and at are words of DuckDB's SQL
            statement.execute("copy (select \"position\", \"type\", entity_type, entity_id, \"sequence\", \"at\","
                    + " actor.id as actor_id, actor.name as actor_name, request_id,"
                    + " cast(payload as varchar) as payload"
                    + " from read_json(" + literal(lines) + ", format = 'newline_delimited', columns = " + COLUMNS + "))"
                    + " to " + literal(parquet) + " (format parquet, compression zstd)");
        }
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
