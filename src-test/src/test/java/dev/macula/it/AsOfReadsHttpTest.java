package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ?as_of=}: the answer a GET gave at a past position or instant, its header and its 422s. */
class AsOfReadsHttpTest extends HttpTestBase {

    private long lastPosition(Api client, String type, long id) {
        JsonNode history = admin().get("/api/history/" + type + "/" + id).json();
        return history.get(history.size() - 1).get("position").asLong();
    }

    @Test
    void aTagListAndAUserAsTheyWere() throws Exception {
        Api admin = admin();
        long tag = admin.post("/api/tags", Map.of("name", unique("asof"), "tag_type", "Study", "description", "first"))
                .json().get("id").asLong();
        long created = lastPosition(admin, "tag", tag);
        Api.Response before = admin.get("/api/tags");
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        assertThat(admin.patch("/api/tags/" + tag, Map.of("description", "second")).status()).isEqualTo(200);
        long renamed = lastPosition(admin, "tag", tag);
        assertThat(renamed).isGreaterThan(created);

        Api.Response byPosition = admin.get("/api/tags?as_of=" + created);
        assertThat(byPosition.status()).as(byPosition.toString()).isEqualTo(200);
        assertThat(byPosition.body()).isEqualTo(before.body());
        assertThat(byPosition.header("Macula-As-Of")).isEqualTo(Long.toString(created));
        Api.Response byInstant = admin.get("/api/tags?as_of=" + between);
        assertThat(byInstant.body()).isEqualTo(before.body());
        assertThat(admin.get("/api/tags?as_of=" + renamed).body()).isEqualTo(admin.get("/api/tags").body());
        assertThat(admin.get("/api/tags").header("Macula-As-Of")).isNull();

        long user = register(unique("asof-user"), "pw-asof-user-1");
        long registered = lastPosition(admin, "user", user);
        assertThat(admin.get("/api/users/" + user + "?as_of=" + registered).body())
                .isEqualTo(admin.get("/api/users/" + user).body());
        Api.Response notYet = admin.get("/api/users/" + user + "?as_of=" + (registered - 1));
        assertThat(notYet.status()).as(notYet.toString()).isEqualTo(404);
        assertThat(notYet.json().get("detail").asText()).isEqualTo("User not found");
    }

    @Test
    void badMomentsAre422s() {
        Api admin = admin();
        for (String bad : new String[]{"yesterday", "-1", "2999-01-01T00:00:00Z", "99999999999999", ""}) {
            Api.Response response = admin.get("/api/tags?as_of=" + bad);
            assertThat(response.status()).as(bad + ": " + response).isEqualTo(422);
            assertThat(response.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"as_of\"]");
        }
    }
}
