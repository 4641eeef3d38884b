package dev.macula.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code MACULA_WEB_ROOT}: a built web client at {@code /} with the single-page fallback (docs/api.md §0.1). */
class WebClientHttpTest extends HttpTestBase {

    static final String INDEX = "<!doctype html><title>viewer</title>";
    static final String SCRIPT = "console.log('viewer');";
    private static Path root;

    /** A tiny built client, plus a secret outside it that a symbolic link inside points at. */
    static synchronized String webRoot() {
        if (root == null) {
            try {
                Path base = Files.createTempDirectory("macula-web");
                root = Files.createDirectories(base.resolve("build"));
                Files.writeString(root.resolve("index.html"), INDEX);
                Files.createDirectories(root.resolve("assets"));
                Files.writeString(root.resolve("assets/app.js"), SCRIPT);
                Path secret = Files.writeString(base.resolve("secret.txt"), "do not serve");
                Files.createSymbolicLink(root.resolve("leak.txt"), secret);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.toString();
    }

    @Test
    void servesFilesAndFallsBackToIndexForClientRoutes() {
        Api.Response index = anonymous().get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).isEqualTo(INDEX);
        assertThat(index.header("Content-Type")).startsWith("text/html");

        Api.Response script = anonymous().get("/assets/app.js");
        assertThat(script.body()).isEqualTo(SCRIPT);
        assertThat(script.header("Content-Type")).contains("javascript");

        assertThat(anonymous().get("/tasks/12/subtask/3").body()).isEqualTo(INDEX);
        assertThat(anonymous().get("/users/login?redirect=/tasks").body()).isEqualTo(INDEX);
    }

    @Test
    void neverServesAnythingOutsideTheRoot() {
        assertThat(anonymous().get("/leak.txt").body()).isEqualTo(INDEX);
        assertThat(anonymous().get("/%2e%2e/secret.txt").body()).doesNotContain("do not serve");
        assertThat(anonymous().get("/assets/..%2f..%2fsecret.txt").body()).doesNotContain("do not serve");
    }

    @Test
    void apiAndHealthKeepTheirOwnAnswers() {
        Api.Response unknownApi = admin().get("/api/not-a-route");
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.detail()).isEqualTo("Not Found");
        assertThat(anonymous().get("/health").body()).isEqualTo("{\"status\":\"healthy\"}");
    }
}
