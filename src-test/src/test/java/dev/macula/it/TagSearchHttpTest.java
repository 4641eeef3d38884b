package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The asynchronous half of the spine: tag events reach the real Elasticsearch node through a
 * pooled streaming processor, and {@code GET /api/tags/search} reads them back from there.
 */
class TagSearchHttpTest extends HttpTestBase {

    private static final Duration FRESHNESS = Duration.ofSeconds(20);

    private JsonNode awaitSearch(Api client, String query, Predicate<JsonNode> until) throws InterruptedException {
        Instant deadline = Instant.now().plus(FRESHNESS);
        JsonNode hits;
        do {
            Api.Response response = client.get(query);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            hits = response.json();
            if (until.test(hits)) {
                return hits;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("search did not converge within " + FRESHNESS + ": " + hits);
    }

    @Test
    void tagsBecomeSearchableFollowRenamesAndDisappearWhenDeleted() throws InterruptedException {
        Api client = admin();
        String word = "epiretinal" + RUN + unique("x").replace("-", "");
        Api.Response created = client.post("/api/tags",
                Map.of("name", "Épiretinal " + word, "tag_type", "ImageInstance", "description", "ERM"));
        long id = created.json().get("id").asLong();

        // accent- and case-insensitive prefix on the whole name
        JsonNode hits = awaitSearch(client, "/api/tags/search?q=EPIRETINAL%20" + word.substring(0, 14),
                found -> found.findValues("id").stream().anyMatch(n -> n.asLong() == id));
        JsonNode hit = hits.get(0);
        assertThat(hit.get("id").asLong()).isEqualTo(id);
        assertThat(hit.get("tag_type").asText()).isEqualTo("ImageInstance");
        assertThat(hit.get("creator").get("name").asText()).isEqualTo(ADMIN);

        // filtered by type: not a Study tag
        assertThat(client.get("/api/tags/search?q=" + word + "&tag_type=Study").json().findValues("id"))
                .noneMatch(n -> n.asLong() == id);

        client.patch("/api/tags/" + id, Map.of("name", "Macular hole " + word));
        awaitSearch(client, "/api/tags/search?q=macular%20hole%20" + word,
                found -> found.size() > 0 && found.get(0).get("name").asText().startsWith("Macular hole"));

        client.delete("/api/tags/" + id);
        awaitSearch(client, "/api/tags/search?q=" + word,
                found -> found.findValues("id").stream().noneMatch(n -> n.asLong() == id));
    }

    @Test
    void searchValidatesItsParameters() {
        Api client = admin();
        assertThat(client.get("/api/tags/search").status()).isEqualTo(422);
        assertThat(client.get("/api/tags/search?q=a&limit=0").status()).isEqualTo(422);
        assertThat(client.get("/api/tags/search?q=a&limit=many").status()).isEqualTo(422);
        assertThat(client.get("/api/tags/search?q=a&tag_type=Nope").status()).isEqualTo(422);
        assertThat(anonymous().get("/api/tags/search?q=a").status()).isEqualTo(401);
    }
}
