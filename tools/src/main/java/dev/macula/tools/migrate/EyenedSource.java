package dev.macula.tools.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The original's database, read only: pages of rows in key order ({@code key > after}), so a rerun
 * starts exactly after the last completed key and memory stays flat however large the tables.
 */
public final class EyenedSource implements AutoCloseable {

    static final int PAGE = 1000;

    private final Connection connection;
    private final String name;

    public EyenedSource(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setReadOnly(true);
        this.name = connection.getCatalog();
    }

    /** The database's name, as {@code migratedFrom} metadata and progress rows name the source. */
    public String name() {
        return name;
    }

    public boolean hasTable(String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(name, null, table, new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    public long count(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from `" + table + "`");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The next page of {@code select} (a query whose rows carry {@code key} as a column, without
     * WHERE, ORDER BY or LIMIT of its own) after {@code after}, in the order {@code order} (the key
     * first).
     */
    List<SourceRow> page(String select, String key, String order, long after) throws SQLException {
        String sql = select + " where " + key + " > ? order by " + order + " limit " + PAGE;
        List<SourceRow> rows = new ArrayList<>(PAGE);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, after);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(SourceRow.of(rs));
                }
            }
        }
        return rows;
    }

    /** All rows of a small query (lookups such as a feature's children), in the query's order. */
    public List<SourceRow> all(String sql, Object... args) throws SQLException {
        List<SourceRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(SourceRow.of(rs));
                }
            }
        }
        return rows;
    }

    /** The first column of every row of {@code sql} as text (keys of large tables, without a row object each). */
    public List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
