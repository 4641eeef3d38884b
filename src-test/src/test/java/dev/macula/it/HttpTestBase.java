package dev.macula.it;

import dev.macula.infra.MaculaApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembled application on a random port, with a fresh PostgreSQL database for this run and
 * the real Elasticsearch node ({@code MACULA_ES_URL}, as {@code ./macula test} provides it). All
 * test classes share one application context, so names they create are made unique. Metrics are
 * exported as in production (the Prometheus registry).
 */
@SpringBootTest(classes = MaculaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // Boot's tests turn metric export off otherwise: no /actuator/prometheus
abstract class HttpTestBase {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String SECRET = "integration-test-secret-key-with-more-than-32-bytes";
    /** The static token of a Prometheus scraper (MACULA_METRICS_TOKEN). */
    static final String METRICS_TOKEN = "scraper-token-for-integration-tests";
    static final String ES_URL = System.getenv().getOrDefault("MACULA_ES_URL", "http://127.0.0.1:9200");
    /** The application reaches Elasticsearch through this relay, so outage tests can cut it. */
    static final FaultyLink ES_LINK = new FaultyLink(ES_URL);
    /** The application reaches PostgreSQL through this relay, so outage tests can cut it. */
    static final FaultyLink PG_LINK = new FaultyLink(java.net.URI.create(TestDatabase.SERVER.substring(5)).getHost(),
            java.net.URI.create(TestDatabase.SERVER.substring(5)).getPort());
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** Image and thumbnail roots of this run (IMAGES_BASEPATH, THUMBNAILS_PATH); tests write files below them. */
    static final java.nio.file.Path IMAGES_ROOT = tempDirectory("macula-images");
    static final java.nio.file.Path THUMBNAILS_ROOT = tempDirectory("macula-thumbnails");
    static final java.nio.file.Path DATA_DIR = tempDirectory("macula-it");
    static final java.nio.file.Path ZARR_ROOT = tempDirectory("macula-zarr").resolve("segmentations.zarr");

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url().replaceFirst("//[^/]+/",
                "//127.0.0.1:" + PG_LINK.port() + "/"));
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("macula.secret-key", () -> SECRET);
        registry.add("macula.admin-username", () -> ADMIN);
        registry.add("macula.admin-password", () -> ADMIN_PASSWORD);
        registry.add("macula.open-registration", () -> "false");
        registry.add("macula.metrics-token", () -> METRICS_TOKEN);
        registry.add("macula.es-url", ES_LINK::url);
        registry.add("macula.es-index-prefix", () -> "it-" + RUN);
        registry.add("macula.web-root", WebClientHttpTest::webRoot);
        registry.add("macula.images-basepath", IMAGES_ROOT::toString);
        registry.add("macula.thumbnails-path", THUMBNAILS_ROOT::toString);
        registry.add("macula.segmentations-zarr-store", ZARR_ROOT::toString);
        // one folder for the whole run: suppliers are called on every lookup of the property
        registry.add("macula.data-dir", DATA_DIR::toString);
    }

    private static java.nio.file.Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api anonymous() {
        return new Api(port);
    }

    /** A script client logged in as the bootstrap admin (token cached: Argon2 is deliberately slow). */
    Api admin() {
        return new Api(port).bearer(TOKENS.computeIfAbsent(ADMIN, name -> token(name, ADMIN_PASSWORD)));
    }

    /** Registers a fresh annotator and returns a client logged in as that user. */
    Api newUser(String prefix) {
        String name = unique(prefix);
        register(name, "pw-" + name);
        return new Api(port).bearer(token(name, "pw-" + name));
    }

    long register(String username, String password) {
        Api.Response created = admin().post("/api/auth/register", Map.of("username", username, "password", password));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    String token(String username, String password) {
        Api.Response response = anonymous().post("/api/auth/token", Map.of("username", username, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("access_token").asText();
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }
}
