package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Role 1 is admin, null is annotator; user management and user histories are for admins. */
class RolesHttpTest extends HttpTestBase {

    @Test
    void adminsListUsersAnnotatorsMayNot() {
        Api annotator = newUser("reader");
        JsonNode users = admin().get("/api/users").json();
        assertThat(users.findValuesAsText("username")).contains(ADMIN);
        users.forEach(user -> assertThat(user.has("starred_tags")).isTrue());

        Api.Response denied = annotator.get("/api/users");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.detail()).isEqualTo("Admin role required");
        assertThat(anonymous().get("/api/users").status()).isEqualTo(401);
    }

    @Test
    void adminsChangeRolesWhichTakeEffectAtOnce() {
        Api user = newUser("promoted");
        long id = user.get("/api/auth/me").json().get("id").asLong();
        assertThat(user.get("/api/users").status()).isEqualTo(403);

        Api.Response promoted = admin().patch("/api/users/" + id, Map.of("role", 1));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asInt()).isEqualTo(1);
        // the same access token now carries admin rights: users are loaded per request
        assertThat(user.get("/api/users").status()).isEqualTo(200);

        Map<String, Object> demote = new HashMap<>();
        demote.put("role", null);
        Api.Response demoted = admin().patch("/api/users/" + id, demote);
        assertThat(demoted.json().get("role").isNull()).isTrue();
        assertThat(user.get("/api/users").status()).isEqualTo(403);

        JsonNode history = admin().get("/api/history/user/" + id).json();
        assertThat(history.findValuesAsText("type")).containsSubsequence("UserRegistered", "UserRoleChanged", "UserRoleChanged");
    }

    @Test
    void roleChangesAreValidated() {
        long selfId = admin().get("/api/auth/me").json().get("id").asLong();
        assertThat(admin().patch("/api/users/" + selfId, Map.of("role", 2)).status()).isEqualTo(409);
        assertThat(admin().patch("/api/users/99999999", Map.of("role", 1)).status()).isEqualTo(404);
        Api.Response missing = admin().patch("/api/users/" + selfId, Map.of());
        assertThat(missing.status()).isEqualTo(422);
        long other = register(unique("huge-role"), "pw-huge-role");
        Api.Response huge = admin().patch("/api/users/" + other, Map.of("role", 1_000_000_000_000L));
        assertThat(huge.status()).as("beyond the int column: a 422, not an overflow").isEqualTo(422);
        assertThat(huge.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"role\"]");
        assertThat(newUser("sneaky").patch("/api/users/" + selfId, Map.of("role", 1)).status()).isEqualTo(403);
    }

    @Test
    void userHistoriesAreForAdminsOnly() {
        Api user = newUser("private");
        long id = user.get("/api/auth/me").json().get("id").asLong();
        assertThat(user.get("/api/history/user/" + id).status()).isEqualTo(403);
        JsonNode history = admin().get("/api/history/user/" + id).json();
        assertThat(history.get(0).get("type").asText()).isEqualTo("UserRegistered");
        assertThat(history.get(0).get("payload").get("password_hash").asText()).isEqualTo("[redacted]");
        assertThat(history.get(0).get("actor").get("name").asText()).isEqualTo(ADMIN);
    }
}
