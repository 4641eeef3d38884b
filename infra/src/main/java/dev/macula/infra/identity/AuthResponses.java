package dev.macula.infra.identity;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.identity.UserView;

/** Bodies of the auth endpoints (docs/api.md §3.0.13, docs/api.md §9.2 items 9–10). */
final class AuthResponses {

    static final String BEARER = "bearer";

    private AuthResponses() {
    }

    /** {@code POST /auth/token}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"access_token", "token_type", "expires_in", "user"})
    record TokenResponse(String accessToken, String tokenType, long expiresIn, UserView user) {
    }

    /** {@code POST /auth/login} with {@code api_client: true}, and body-based {@code POST /auth/refresh}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"user", "access_token", "refresh_token", "token_type", "expires_in"})
    record SessionTokens(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    record Message(String message) {
    }
}
