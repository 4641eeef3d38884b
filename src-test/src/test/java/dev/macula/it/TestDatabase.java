package dev.macula.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh PostgreSQL database per test run (the real server at 127.0.0.1:5432, or
 * {@code MACULA_TEST_PG_SERVER}, a JDBC URL ending in {@code /}). Databases of earlier runs
 * that nobody uses any more are dropped first, so runs do not pile up.
 */
final class TestDatabase {

    static final String SERVER = System.getenv().getOrDefault("MACULA_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("MACULA_DB_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("MACULA_DB_PASSWORD", "");
    private static final String PREFIX = "macula_it_";
    private static String url;

    private TestDatabase() {
    }

    static synchronized String url() {
        if (url == null) {
            String name = PREFIX + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                 Statement s = c.createStatement()) {
                dropStale(s);
                s.execute("create database " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL is needed at " + SERVER + " for the integration tests", e);
            }
            url = SERVER + name;
        }
        return url;
    }

    private static void dropStale(Statement s) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
                select datname from pg_database d
                where datname like 'macula\\_it\\_%'
                  and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)""")) {
            long hourAgo = System.currentTimeMillis() - 3_600_000L;
            while (rs.next()) {
                // only runs that started over an hour ago: a concurrent run may not have connected yet
                String[] parts = rs.getString(1).split("_");
                if (parts.length >= 3 && parts[2].matches("\\d+") && Long.parseLong(parts[2]) < hourAgo) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String name : stale) {
            try {
                s.execute("drop database if exists " + name);
            } catch (SQLException inUseMeanwhile) {
                // another run started using it: leave it
            }
        }
    }
}
