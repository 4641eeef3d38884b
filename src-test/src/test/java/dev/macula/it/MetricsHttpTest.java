package dev.macula.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/prometheus}: who may read it (admins, the scraper token; nobody else) and
 * what it says — Spring Boot's JVM, HTTP and pool metrics and Macula's command, search, projection
 * lag and dead-letter metrics, with their labels.
 */
class MetricsHttpTest extends HttpTestBase {

    private static final String PATH = "/actuator/prometheus";

    private Api scraper() {
        return new Api(port).bearer(METRICS_TOKEN);
    }

    @Test
    void onlyAdminsAndTheScraperTokenMayReadTheMetrics() {
        assertThat(anonymous().get(PATH).status()).isEqualTo(401);
        assertThat(new Api(port).bearer("not-a-token").get(PATH).status()).isEqualTo(401);
        assertThat(new Api(port).bearer(METRICS_TOKEN + "x").get(PATH).status()).isEqualTo(401);
        Api.Response annotator = newUser("metrics-annotator").get(PATH);
        assertThat(annotator.status()).isEqualTo(403);
        assertThat(annotator.detail()).isEqualTo("Admin role required");

        Api.Response admin = admin().get(PATH);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        assertThat(admin.header("Content-Type")).startsWith("text/plain");
        Api.Response scraper = scraper().get(PATH);
        assertThat(scraper.status()).as(scraper.toString()).isEqualTo(200);
        assertThat(scraper.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theScraperTokenOpensNothingElse() {
        assertThat(scraper().get("/api/tags?tag_type=ImageInstance").status()).isEqualTo(401);
        assertThat(scraper().get("/api/auth/me").status()).isEqualTo(401);
        assertThat(scraper().get("/actuator/env").status()).isIn(401, 403, 404);
        // nothing but health and metrics is exposed, not even to an admin
        for (String endpoint : List.of("/actuator/env", "/actuator/metrics", "/actuator/beans", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/loggers", "/actuator/configprops")) {
            assertThat(admin().get(endpoint).status()).as(endpoint).isEqualTo(404);
            assertThat(anonymous().get(endpoint).status()).as(endpoint).isEqualTo(401);
        }
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void commandsAreCountedByTypeAndOutcome() {
        Api admin = admin();
        String created = "macula_commands_total{command=\"CreateTagCommand\",outcome=\"success\"}";
        String rejected = "macula_commands_total{command=\"CreateTagCommand\",outcome=\"rejected\"}";
        String first = unique("Metric tag");
        createTag(admin, first); // the meters of this command type exist from here on
        String before = scraper().get(PATH).body();

        for (int i = 0; i < 3; i++) {
            createTag(admin, unique("Metric tag"));
        }
        Api.Response duplicate = admin.post("/api/tags", Map.of("name", first, "tag_type", "ImageInstance", "description", ""));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);

        String after = scraper().get(PATH).body();
        assertThat(value(after, created) - value(before, created)).isEqualTo(3);
        assertThat(value(after, rejected) - value(before, rejected)).isEqualTo(1);
        String timerCount = "macula_command_seconds_count{command=\"CreateTagCommand\"}";
        assertThat(value(after, timerCount) - value(before, timerCount)).isEqualTo(4);
        assertThat(after).contains("macula_command_seconds_bucket{command=\"CreateTagCommand\",le=\"0.05\"}");
        assertThat(after).contains("macula_command_seconds_bucket{command=\"CreateTagCommand\",le=\"+Inf\"}");
    }

    @Test
    void searchesProjectionsAndPlatformMetricsAreExported() {
        Api admin = admin();
        createTag(admin, unique("Metric search tag"));
        Map<String, Object> search = Map.of("conditions",
                List.of(SearchHttpTest.cond("Project Name", "==", unique("No such project"))),
                "order_by", "Date Inserted");
        Api.Response found = admin.post("/api/instances/search", search);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);

        String metrics = scraper().get(PATH).body();
        assertThat(value(metrics, "macula_search_seconds_count{kind=\"instances\",outcome=\"success\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("macula_search_seconds_bucket{kind=\"instances\",outcome=\"success\",le=\"0.1\"}");
        for (String projection : List.of("instance-search", "study-search", "tag-search", "read-models")) {
            assertThat(value(metrics, "macula_projection_lag_events{projection=\"" + projection + "\"}"))
                    .as(projection).isGreaterThanOrEqualTo(0);
        }
        for (String projection : List.of("instance-search", "study-search", "tag-search")) {
            assertThat(value(metrics, "macula_dead_letters{projection=\"" + projection + "\"}"))
                    .as(projection).isGreaterThanOrEqualTo(0);
        }
        assertThat(metrics).contains("jvm_memory_used_bytes{");
        assertThat(metrics).contains("hikaricp_connections{");
        // route templates, not raw paths, as the uri label
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/api/instances/search\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/tags\"");
        // no Spring Security filter-chain observations (kept off for speed)
        assertThat(metrics).doesNotContain("spring_security_filterchains");
    }

    private static void createTag(Api admin, String name) {
        Api.Response response = admin.post("/api/tags", Map.of("name", name, "tag_type", "ImageInstance", "description", "metrics"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** The value of one sample line (name with its exact labels); the line must be there. */
    private static double value(String metrics, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as("a line " + sample).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
