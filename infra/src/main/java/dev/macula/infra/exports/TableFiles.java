package dev.macula.infra.exports;

import dev.macula.infra.exports.Table.Column;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes a {@link Table} as {@code <name>.parquet} and {@code <name>.csv} with an in-memory DuckDB.
 * Reproducible byte for byte: one thread, insertion order kept, a fixed row group size and
 * compression, the CSV with a header, commas and DuckDB's fixed text of dates and numbers.
 */
final class TableFiles {

    private static final int BATCH = 1000;

    private TableFiles() {
    }

    static void write(Table table, Path dir) throws SQLException {
        Properties config = new Properties();
        config.setProperty("threads", "1");
        config.setProperty("preserve_insertion_order", "true");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:", config);
             Statement statement = duck.createStatement()) {
            statement.execute("create table " + quote(table.name()) + " (" + table.columns().stream()
                    .map(column -> quote(column.name()) + " " + column.type()).collect(Collectors.joining(", ")) + ")");
            insert(duck, table);
            String rows = "(select * from " + quote(table.name()) + " order by rowid)";
            statement.execute("copy " + rows + " to " + literal(dir.resolve(table.name() + ".parquet"))
                    + " (format parquet, compression zstd, row_group_size 100000)");
            statement.execute("copy " + rows + " to " + literal(dir.resolve(table.name() + ".csv"))
                    + " (format csv, header true, delimiter ',', quote '\"', nullstr '')");
        }
    }

    private static void insert(Connection duck, Table table) throws SQLException {
        List<Column> columns = table.columns();
        String values = columns.stream().map(column -> "cast(? as " + column.type() + ")").collect(Collectors.joining(", "));
        try (PreparedStatement insert = duck.prepareStatement("insert into " + quote(table.name()) + " values (" + values + ")")) {
            int pending = 0;
            for (List<Object> row : table.rows()) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, row.get(i));
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
