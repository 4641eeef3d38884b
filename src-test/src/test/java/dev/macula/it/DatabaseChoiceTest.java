package dev.macula.it;

import dev.macula.infra.config.DatabaseBootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which PostgreSQL a data folder uses when MACULA_DB_URL is unset, against the real server: the
 * first start that reaches the default server keeps to it, and a later start that finds nothing
 * listening there refuses to fall back to an empty embedded database.
 */
class DatabaseChoiceTest {

    @TempDir
    Path dataDir;

    @Test
    void aDataFolderUsedWithTheServerNeverFallsBackToAnEmbeddedOne() throws IOException {
        String database = "macula_choice_" + System.currentTimeMillis();
        Map<String, String> env = Map.of("MACULA_DATA_DIR", dataDir.toString(),
                "MACULA_DB_USER", TestDatabase.USER, "MACULA_DB_PASSWORD", TestDatabase.PASSWORD);

        assertThat(DatabaseBootstrap.ensureDatabase(env, TestDatabase.SERVER + database)).isNull();
        assertThat(Files.readString(dataDir.resolve("database")).strip()).isEqualTo("server");

        String nothingThere = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/" + database;
        assertThatThrownBy(() -> DatabaseBootstrap.ensureDatabase(env, nothingThere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was used with that server");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void aServerThatAnswersButRefusesIsAnErrorNotAFallback() throws IOException {
        Map<String, String> env = Map.of("MACULA_DATA_DIR", dataDir.toString(),
                "MACULA_DB_USER", "no_such_role_" + System.nanoTime(), "MACULA_DB_PASSWORD", "wrong");

        assertThatThrownBy(() -> DatabaseBootstrap.ensureDatabase(env, TestDatabase.SERVER + "macula_choice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set MACULA_DB_URL");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(dataDir.resolve("database")).doesNotExist();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
