package dev.macula.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away (every connection of the pool dropped, new ones refused) and comes back:
 * requests fail fast with 503 and a detail — no hanging, no 500, nothing half-written — and
 * service resumes without restarting the application.
 */
class DatabaseOutageHttpTest extends HttpTestBase {

    @Test
    void requestsFailFastWhileTheDatabaseIsAwayAndServiceResumesAfterwards() throws Exception {
        Api admin = admin();
        String before = unique("Before outage");
        assertThat(admin.post("/api/tags", Map.of("name", before, "tag_type", "Study", "description", "x")).status())
                .isEqualTo(200);
        String during = unique("During outage");
        PG_LINK.cut();
        try {
            Instant start = Instant.now();
            Api.Response write = admin.post("/api/tags", Map.of("name", during, "tag_type", "Study",
                    "description", "must not exist"));
            Api.Response read = admin.get("/api/tags");
            Duration took = Duration.between(start, Instant.now());
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(write.json().get("detail").asText()).contains("database");
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            assertThat(took).as("fail fast: the pool's connection timeout, not a hang").isLessThan(Duration.ofSeconds(15));
        } finally {
            PG_LINK.restore();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        Api.Response after;
        do {
            Thread.sleep(200);
            after = admin.get("/api/tags?tag_type=Study");
        } while (after.status() != 200 && Instant.now().isBefore(deadline));
        assertThat(after.status()).as("service resumes without a restart").isEqualTo(200);
        assertThat(after.body()).contains(before).doesNotContain(during);
        assertThat(admin.post("/api/tags", Map.of("name", during, "tag_type", "Study", "description", "now")).status())
                .as("the refused write can simply be retried").isEqualTo(200);
    }
}
