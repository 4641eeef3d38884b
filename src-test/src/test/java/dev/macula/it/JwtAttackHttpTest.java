package dev.macula.it;

import dev.macula.infra.security.JwtService;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Forged, stale and misused tokens are refused over HTTP; none of them reaches a protected route. */
class JwtAttackHttpTest extends HttpTestBase {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private long adminId() {
        return admin().get("/api/auth/me").json().get("id").asLong();
    }

    private static String b64(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String token) {
        Api.Response bearer = anonymous().bearer(token).get("/api/tags");
        assertThat(bearer.status()).as(bearer.toString()).isEqualTo(401);
        Api.Response cookie = anonymous().cookie("jwt_token", token).get("/api/tags");
        assertThat(cookie.status()).as(cookie.toString()).isEqualTo(401);
        assertThat(cookie.detail()).isEqualTo("Authentication required");
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        long now = Instant.now().getEpochSecond();
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"" + adminId()
                + "\",\"username\":\"admin\",\"role\":1,\"type\":\"access\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + "}") + ".";
        assertRejected(token);
        assertThat(anonymous().bearer(token).get("/api/tags").detail()).isEqualTo("Unauthorized");
    }

    @Test
    void tamperedPayloadIsRejected() {
        String genuine = new JwtService(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                .accessToken(99_000, "nobody", null);
        String[] parts = genuine.split("\\.");
        long now = Instant.now().getEpochSecond();
        String forgedPayload = b64("{\"sub\":\"" + adminId() + "\",\"username\":\"admin\",\"role\":1,"
                + "\"type\":\"access\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        assertRejected(parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        String foreign = new JwtService("another-secret-key-that-is-also-long-enough".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC()).accessToken(adminId(), ADMIN, 1);
        assertRejected(foreign);
    }

    @Test
    void expiredTokenIsRejected() {
        Clock anHourAgo = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        String expired = new JwtService(SECRET.getBytes(StandardCharsets.UTF_8), anHourAgo)
                .accessToken(adminId(), ADMIN, 1);
        assertRejected(expired);
    }

    @Test
    void refreshTokenIsNotAnAccessToken() {
        Api.Response login = anonymous().post("/api/auth/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "api_client", true));
        String refresh = login.json().get("refresh_token").asText();
        Api.Response asBearer = anonymous().bearer(refresh).get("/api/tags");
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.detail()).isEqualTo("Authentication required");
        assertThat(anonymous().cookie("jwt_token", refresh).get("/api/tags").status()).isEqualTo(401);
    }

    @Test
    void validlySignedTokenOfAnUnknownUserIsRejected() {
        String ghost = new JwtService(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                .accessToken(987_654, "ghost", 1);
        Api.Response response = anonymous().bearer(ghost).get("/api/auth/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).isEqualTo("Unauthorized");
    }

    @Test
    void refreshTokenCannotBeUsedAfterLogout() {
        Api.Response login = anonymous().post("/api/auth/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "api_client", true));
        String refresh = login.json().get("refresh_token").asText();
        assertThat(anonymous().post("/api/auth/logout", Map.of("refresh_token", refresh)).status()).isEqualTo(200);

        Api.Response reuse = anonymous().post("/api/auth/refresh", Map.of("refresh_token", refresh));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.detail()).isEqualTo("Invalid refresh token");
    }
}
