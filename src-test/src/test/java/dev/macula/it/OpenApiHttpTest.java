package dev.macula.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiHttpTest extends HttpTestBase {

    @Test
    void dump() throws Exception {
        Api.Response doc = admin().get("/openapi.json");
        Files.writeString(Path.of("target/macula-openapi.json"), doc.body());
        assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
    }
}
