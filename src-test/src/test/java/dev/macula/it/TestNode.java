package dev.macula.it;

import dev.macula.infra.MaculaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Macula node of its own in this JVM (a separate application context on a random port), beside the
 * shared test context: for scenarios about nodes that start, stop, or share one database.
 */
record TestNode(ConfigurableApplicationContext context, Api admin) implements AutoCloseable {

    /** Where a node keeps its files. Nodes of one cluster share them, as they share the database. */
    record Files(Path images, Path thumbnails, Path zarr, Path data) {
    }

    /** Starts a node on the given database (a JDBC URL) and index prefix, signed in as the test admin. */
    static TestNode start(String databaseUrl, String indexPrefix, Files files) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MaculaApplication.class).run(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--macula.secret-key=" + HttpTestBase.SECRET,
                "--macula.admin-username=" + HttpTestBase.ADMIN,
                "--macula.admin-password=" + HttpTestBase.ADMIN_PASSWORD,
                "--macula.open-registration=false",
                "--macula.es-url=" + HttpTestBase.ES_URL,
                "--macula.es-index-prefix=" + indexPrefix,
                "--macula.images-basepath=" + files.images(),
                "--macula.thumbnails-path=" + files.thumbnails(),
                "--macula.segmentations-zarr-store=" + files.zarr(),
                "--macula.data-dir=" + files.data());
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        Api.Response login = new Api(port).post("/api/auth/token",
                Map.of("username", HttpTestBase.ADMIN, "password", HttpTestBase.ADMIN_PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new TestNode(context, new Api(port).bearer(login.json().get("access_token").asText()));
    }

    @Override
    public void close() {
        context.close();
    }
}
