package dev.macula.infra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the configured PostgreSQL database when it does not exist yet, before Spring starts, so
 * {@code ./macula run} works against a server with nothing prepared.
 */
public final class DatabaseBootstrap {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/macula";
    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?");

    private DatabaseBootstrap() {
    }

    /**
     * Makes sure the configured database exists. With nothing configured and no server reachable,
     * falls back to an embedded PostgreSQL, points the data source at it and returns it (the caller
     * stops it after the application); otherwise returns null.
     */
    public static EmbeddedPostgresFallback ensureDatabase(Map<String, String> env) {
        String url = env.getOrDefault("MACULA_DB_URL", DEFAULT_URL);
        String user = env.getOrDefault("MACULA_DB_USER", "postgres");
        String password = env.getOrDefault("MACULA_DB_PASSWORD", "");
        try {
            ensureDatabase(url, user, password);
            return null;
        } catch (IllegalStateException unreachable) {
            if (!EmbeddedPostgresFallback.allowed(env)) {
                throw unreachable;
            }
            log.info("No PostgreSQL at {} and MACULA_DB_URL unset: falling back to an embedded one", url);
            EmbeddedPostgresFallback embedded = EmbeddedPostgresFallback.start(env);
            try {
                ensureDatabase(embedded.jdbcUrl("macula"), "postgres", embedded.password());
            } catch (RuntimeException e) {
                embedded.stop();
                throw e;
            }
            System.setProperty("spring.datasource.url", embedded.jdbcUrl("macula"));
            System.setProperty("spring.datasource.username", "postgres");
            System.setProperty("spring.datasource.password", embedded.password());
            return embedded;
        }
    }

    /** Returns true when it created the database. Unparseable URLs are left to the data source. */
    public static boolean ensureDatabase(String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return false;
        }
        String database = m.group(2);
        String adminUrl = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(adminUrl, props);
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database + "\""); // name matched [A-Za-z0-9_]+ above
            }
            log.info("Created PostgreSQL database {}", database);
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // created concurrently by another node
                return false;
            }
            throw new IllegalStateException("PostgreSQL is not reachable at " + m.group(1)
                    + " (" + e.getMessage() + "); set MACULA_DB_URL, MACULA_DB_USER and MACULA_DB_PASSWORD", e);
        }
    }
}
