package dev.macula.infra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final String EMBEDDED = "embedded";
    private static final String SERVER = "server";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?");

    private DatabaseBootstrap() {
    }

    /**
     * Makes sure the configured database exists. With nothing configured, the first start decides
     * for its data folder: the server at 127.0.0.1:5432 when it accepts a connection, else — only
     * when nothing listens there — an embedded PostgreSQL. The choice is kept in
     * {@code $MACULA_DATA_DIR/database} and holds on later starts, so a data folder never switches
     * silently between two databases (a server restarting at our start, or one installed later,
     * would otherwise swap in an empty event store). Returns the embedded server (the caller stops
     * it after the application), otherwise null.
     */
    public static EmbeddedPostgresFallback ensureDatabase(Map<String, String> env) {
        return ensureDatabase(env, DEFAULT_URL);
    }

    /** As {@link #ensureDatabase(Map)}, with another server in place of 127.0.0.1:5432 (tests). */
    public static EmbeddedPostgresFallback ensureDatabase(Map<String, String> env, String defaultUrl) {
        String url = env.getOrDefault("MACULA_DB_URL", defaultUrl);
        String user = env.getOrDefault("MACULA_DB_USER", "postgres");
        String password = env.getOrDefault("MACULA_DB_PASSWORD", "");
        if (!EmbeddedPostgresFallback.allowed(env)) {
            ensureDatabase(url, user, password);
            return null;
        }
        Path choice = Path.of(env.getOrDefault("MACULA_DATA_DIR", "./data")).resolve("database");
        String chosen = readChoice(choice);
        if (!EMBEDDED.equals(chosen)) {
            try {
                ensureDatabase(url, user, password);
                remember(choice, SERVER);
                return null;
            } catch (NothingListening unreachable) {
                if (SERVER.equals(chosen)) {
                    throw new IllegalStateException(unreachable.getMessage() + ". This data folder (" + choice.getParent()
                            + ") was used with that server: start it, or set MACULA_DB_URL", unreachable);
                }
                log.info("No PostgreSQL listening at {} and MACULA_DB_URL unset: falling back to an embedded one", url);
            }
        }
        EmbeddedPostgresFallback embedded = EmbeddedPostgresFallback.start(env);
        try {
            ensureDatabase(embedded.jdbcUrl("macula"), "postgres", embedded.password());
            remember(choice, EMBEDDED);
        } catch (RuntimeException e) {
            embedded.stop();
            throw e;
        }
        System.setProperty("spring.datasource.url", embedded.jdbcUrl("macula"));
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", embedded.password());
        return embedded;
    }

    private static String readChoice(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void remember(Path file, String value) {
        if (value.equals(readChoice(file))) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
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
            String problem = "PostgreSQL is not reachable at " + m.group(1) + " (" + e.getMessage() + ")";
            if (nothingListening(e)) {
                throw new NothingListening(problem, e);
            }
            throw new IllegalStateException(problem + "; set MACULA_DB_URL, MACULA_DB_USER and MACULA_DB_PASSWORD", e);
        }
    }

    /** Connection refused: no server at all (as opposed to one that is starting, full or refuses our password). */
    private static boolean nothingListening(SQLException e) {
        return "08001".equals(e.getSQLState()) && e.getCause() instanceof java.net.ConnectException;
    }

    /** Nothing accepts connections at the configured address. */
    static final class NothingListening extends IllegalStateException {
        NothingListening(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
