package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seven auth endpoints over HTTP, wire-exact (docs/api.md §2, docs/api.md §3.1) plus the docs/api.md §9.2 fixes. */
class AuthHttpTest extends HttpTestBase {

    private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";

    @Test
    void loginSetsTheTwoCookiesExactlyAsTheOriginal() {
        Api browser = anonymous();
        Api.Response login = browser.post("/api/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        JsonNode user = login.json();
        assertThat(user.get("username").asText()).isEqualTo(ADMIN);
        assertThat(user.get("role").asInt()).isEqualTo(1);
        assertThat(user.get("starred_tags").isArray()).isTrue();
        assertThat(login.setCookies()).hasSize(2);
        assertThat(login.setCookies().get(0)).matches("jwt_token=" + JWT + "; HttpOnly; Max-Age=1800; Path=/; SameSite=strict");
        assertThat(login.setCookies().get(1))
                .matches("refresh_token=" + JWT + "; HttpOnly; Max-Age=604800; Path=/; SameSite=strict");

        Api.Response me = browser.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asLong()).isEqualTo(user.get("id").asLong());
    }

    @Test
    void loginNamesAreCaseInsensitiveLikeTheOriginalCollation() {
        assertThat(anonymous().post("/api/auth/login", Map.of("username", "ADMIN", "password", ADMIN_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void apiClientLoginReturnsTokensInTheBodyAndNoCookies() {
        Api.Response login = anonymous().post("/api/auth/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "api_client", true));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookies()).isEmpty();
        JsonNode body = login.json();
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(body.get("user").get("username").asText()).isEqualTo(ADMIN);
        assertThat(anonymous().bearer(body.get("access_token").asText()).get("/api/auth/me").status()).isEqualTo(200);

        Api.Response refreshed = anonymous().post("/api/auth/refresh",
                Map.of("refresh_token", body.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.setCookies()).isEmpty();
        assertThat(refreshed.json().get("refresh_token").asText()).isNotEqualTo(body.get("refresh_token").asText());
        assertThat(anonymous().bearer(refreshed.json().get("access_token").asText()).get("/api/auth/me").status())
                .isEqualTo(200);
    }

    @Test
    void tokenEndpointAnswersTokenResponse() {
        Api.Response token = anonymous().post("/api/auth/token", Map.of("username", ADMIN, "password", ADMIN_PASSWORD));

        assertThat(token.status()).isEqualTo(200);
        JsonNode body = token.json();
        assertThat(body.fieldNames()).toIterable().containsExactly("access_token", "token_type", "expires_in", "user");
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(token.setCookies()).isEmpty();
    }

    @Test
    void badCredentialsAndBadBodiesAreRejected() {
        Api.Response wrong = anonymous().post("/api/auth/token", Map.of("username", ADMIN, "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.detail()).isEqualTo("Invalid credentials");
        assertThat(wrong.header("WWW-Authenticate")).isNull();

        Api.Response unknown = anonymous().post("/api/auth/login", Map.of("username", unique("ghost"), "password", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.detail()).isEqualTo("Invalid credentials");

        Api.Response missing = anonymous().post("/api/auth/login", Map.of("username", ADMIN));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"password\"]");
        assertThat(missing.json().get("detail").get(0).get("type").asText()).isEqualTo("missing");

        Api.Response malformed = anonymous().send("POST", "/api/auth/login", "{\"username\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");

        Api.Response wrongType = anonymous().post("/api/auth/login", Map.of("username", 5, "password", "x"));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().get("detail").get(0).get("type").asText()).isEqualTo("string_type");
    }

    @Test
    void headerComesBeforeCookieAsInTheOriginal() {
        Api browser = anonymous();
        browser.post("/api/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD));

        // an invalid bearer is a 401 at once, the valid cookie is not consulted
        Api.Response invalidHeader = browser.bearer("not-a-jwt").get("/api/auth/me");
        assertThat(invalidHeader.status()).isEqualTo(401);
        assertThat(invalidHeader.detail()).isEqualTo("Unauthorized");

        // a valid token that is not an access token is ignored: the cookie decides
        browser.bearer(browser.cookie("refresh_token"));
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);

        Api.Response nothing = anonymous().get("/api/auth/me");
        assertThat(nothing.status()).isEqualTo(401);
        assertThat(nothing.detail()).isEqualTo("Authentication required");
    }

    @Test
    void changePasswordVerifiesTheOldOneAndEndsRefreshSessions() {
        String name = unique("changer");
        register(name, "first-password");
        Api browser = anonymous();
        assertThat(browser.post("/api/auth/login", Map.of("username", name, "password", "first-password")).status())
                .isEqualTo(200);
        String refreshBefore = browser.cookie("refresh_token");

        Api.Response wrongOld = browser.post("/api/auth/change-password",
                Map.of("old_password", "wrong", "new_password", "second-password"));
        assertThat(wrongOld.status()).isEqualTo(401);
        assertThat(wrongOld.detail()).isEqualTo("Invalid credentials");

        Api.Response changed = browser.post("/api/auth/change-password",
                Map.of("old_password", "first-password", "new_password", "second-password"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("username").asText()).isEqualTo(name);

        assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "first-password")).status())
                .isEqualTo(401);
        assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "second-password")).status())
                .isEqualTo(200);
        Api.Response refresh = anonymous().cookie("refresh_token", refreshBefore).post("/api/auth/refresh", null);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.detail()).isEqualTo("Invalid refresh token");
    }

    @Test
    void registrationIsForAdminsAndNamesAreUnique() {
        String name = unique("Grader");
        Map<String, String> body = Map.of("username", name, "password", "pw");

        Api.Response anonymousTry = anonymous().post("/api/auth/register", body);
        assertThat(anonymousTry.status()).isEqualTo(401);
        assertThat(newUser("annotator").post("/api/auth/register", body).status()).isEqualTo(403);

        Api.Response created = admin().post("/api/auth/register", body);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("role").isNull()).isTrue();
        assertThat(created.json().get("starred_tags").size()).isZero();
        assertThat(created.setCookies()).isEmpty();

        Api.Response duplicate = admin().post("/api/auth/register", Map.of("username", name.toUpperCase(), "password", "x"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.detail()).isEqualTo("Username already exists");

        Api.Response tooLong = admin().post("/api/auth/register", Map.of("username", "x".repeat(46), "password", "x"));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("detail").get(0).get("type").asText()).isEqualTo("string_too_long");
    }

    @Test
    void refreshRotatesAndDetectsReuse() {
        Api browser = anonymous();
        browser.post("/api/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD));
        String first = browser.cookie("refresh_token");

        Api.Response rotated = browser.post("/api/auth/refresh", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("username").asText()).isEqualTo(ADMIN);
        assertThat(rotated.setCookies()).hasSize(2);
        String second = browser.cookie("refresh_token");
        assertThat(second).isNotEqualTo(first);

        Api.Response reuse = anonymous().cookie("refresh_token", first).post("/api/auth/refresh", null);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.detail()).isEqualTo("Invalid refresh token");
        // reuse of a stolen token ends the whole session family
        assertThat(anonymous().cookie("refresh_token", second).post("/api/auth/refresh", null).status()).isEqualTo(401);
    }

    @Test
    void refreshErrorsUseTheContractMessages() {
        assertThat(anonymous().post("/api/auth/refresh", null).detail()).isEqualTo("Refresh token required");
        assertThat(anonymous().cookie("refresh_token", "garbage").post("/api/auth/refresh", null).detail())
                .isEqualTo("Unauthorized");
        String access = token(ADMIN, ADMIN_PASSWORD);
        Api.Response wrongType = anonymous().cookie("refresh_token", access).post("/api/auth/refresh", null);
        assertThat(wrongType.status()).isEqualTo(401);
        assertThat(wrongType.detail()).isEqualTo("Invalid token type");
    }

    @Test
    void logoutClearsCookiesAndRevokesRefreshTokens() {
        Api browser = anonymous();
        browser.post("/api/auth/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD));
        String refresh = browser.cookie("refresh_token");

        Api.Response logout = browser.post("/api/auth/logout", null);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("message").asText()).isEqualTo("Logged out successfully");
        assertThat(logout.setCookies()).containsExactly(
                "jwt_token=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=strict",
                "refresh_token=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=strict");

        Api.Response after = anonymous().cookie("refresh_token", refresh).post("/api/auth/refresh", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.detail()).isEqualTo("Invalid refresh token");
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        String name = unique("target");
        register(name, "right-password");
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "guess" + i)).status())
                    .isEqualTo(401);
        }
        Api.Response locked = anonymous().post("/api/auth/token", Map.of("username", name, "password", "right-password"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.detail()).startsWith("Too many failed login attempts");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
        // other names are not affected
        assertThat(anonymous().post("/api/auth/token", Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void legacyPbkdf2PasswordsMigrateToArgon2AtFirstLogin() throws Exception {
        String name = unique("legacy");
        PBEKeySpec spec = new PBEKeySpec("old-secret".toCharArray(), "6f4b661212".getBytes(StandardCharsets.US_ASCII),
                10_000, 256);
        String digest = HexFormat.of().formatHex(
                SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        Api.Response imported = admin().post("/api/users/import", Map.of("username", name, "legacy_password", digest));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long id = imported.json().get("id").asLong();

        assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "wrong")).status())
                .isEqualTo(401);
        assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "old-secret")).status())
                .isEqualTo(200);

        JsonNode history = admin().get("/api/history/user/" + id).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("type").asText()).isEqualTo("LegacyPasswordMigrated");
        assertThat(history.get(1).get("actor").get("name").asText()).isEqualTo(name);
        assertThat(history.get(1).get("payload").get("password_hash").asText()).isEqualTo("[redacted]");
        // now verified by Argon2
        assertThat(anonymous().post("/api/auth/token", Map.of("username", name, "password", "old-secret")).status())
                .isEqualTo(200);
    }
}
