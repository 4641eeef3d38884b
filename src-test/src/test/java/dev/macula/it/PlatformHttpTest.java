package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes outside the features: health, readiness against the real services, generic error bodies. */
class PlatformHttpTest extends HttpTestBase {

    @Test
    void healthAnswersLikeTheOriginal() {
        Api.Response health = anonymous().get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"healthy\"}");
    }

    @Test
    void readinessReportsPostgresElasticsearchAndProcessors() {
        Api.Response readiness = anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("elasticsearch").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("eventProcessors").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("eventProcessors").get("details").has("tags")).isTrue();
    }

    @Test
    void unknownRoutesAndMethodsGetTheContractBodies() {
        Api.Response notFound = admin().get("/api/no-such-thing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.detail()).isEqualTo("Not Found");

        Api.Response notAllowed = admin().send("PUT", "/api/tags", "{}", "application/json");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.detail()).isEqualTo("Method Not Allowed");
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertThat(anonymous().get("/health").header("X-Request-ID")).isNotBlank();
    }
}
