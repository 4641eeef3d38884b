package dev.macula.infra.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.identity.UserCommands.ChangePasswordCommand;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.infra.identity.AuthResponses.Message;
import dev.macula.infra.identity.AuthResponses.SessionTokens;
import dev.macula.infra.identity.AuthResponses.TokenResponse;
import dev.macula.infra.security.AccessTokenFilter;
import dev.macula.infra.security.JwtService;
import dev.macula.infra.security.PasswordHasher;
import dev.macula.infra.security.RefreshTokenStore;
import io.jsonwebtoken.Claims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** The seven auth endpoints (docs/api.md §3.1) with the docs/api.md §9.2 fixes: body tokens, rotation, revocation. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    static final int MAX_USERNAME = 45;

    private final CredentialCheck credentials;
    private final JwtService jwt;
    private final RefreshTokenStore refreshTokens;
    private final PasswordHasher hasher;
    private final AuthCookies cookies;
    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;
    private final ObjectMapper mapper;

    AuthController(CredentialCheck credentials, JwtService jwt, RefreshTokenStore refreshTokens,
                   PasswordHasher hasher, AuthCookies cookies, CommandDispatcher commands, QueryGateway queries,
                   IdAllocator ids, ObjectMapper mapper) {
        this.credentials = credentials;
        this.jwt = jwt;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.cookies = cookies;
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.mapper = mapper;
    }

    /** Cookies for the web client; {@code api_client: true} gets the tokens in the body instead. */
    @PostMapping("/login")
    Object login(JsonBody body, HttpServletRequest request, HttpServletResponse response) {
        String username = body.requiredString("username", Integer.MAX_VALUE);
        String password = body.requiredString("password", Integer.MAX_VALUE);
        boolean apiClient = body.bool("api_client", false);
        body.bool("remember_me", false);
        body.validate();
        UserView user = user(credentials.verify(username, password).userId());
        String access = accessToken(user);
        String refresh = newRefreshToken(user.id());
        if (apiClient) {
            return new SessionTokens(user, access, refresh, AuthResponses.BEARER, JwtService.ACCESS_SECONDS);
        }
        cookies.set(request, response, access, refresh);
        return user;
    }

    @PostMapping("/token")
    TokenResponse token(JsonBody body) {
        String username = body.requiredString("username", Integer.MAX_VALUE);
        String password = body.requiredString("password", Integer.MAX_VALUE);
        body.bool("remember_me", false);
        body.validate();
        UserView user = user(credentials.verify(username, password).userId());
        return new TokenResponse(accessToken(user), AuthResponses.BEARER, JwtService.ACCESS_SECONDS, user);
    }

    @GetMapping("/me")
    UserView me(@RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser caller) {
        return user(caller.userId());
    }

    /** Re-verifies the old password; stores the new hash and ends every refresh session of the user. */
    @PostMapping("/change-password")
    UserView changePassword(JsonBody body,
                            @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser caller) {
        String oldPassword = body.requiredString("old_password", Integer.MAX_VALUE);
        String newPassword = body.requiredString("new_password", Integer.MAX_VALUE);
        body.validate();
        requireNonEmpty("new_password", newPassword);
        credentials.verify(caller.username(), oldPassword);
        commands.send(new ChangePasswordCommand(caller.userId(), hasher.hash(newPassword)));
        refreshTokens.revokeAll(caller.id());
        return user(caller.userId());
    }

    /** Admins only, unless {@code MACULA_OPEN_REGISTRATION=true} (security configuration). */
    @PostMapping("/register")
    UserView register(JsonBody body) {
        String username = body.requiredString("username", MAX_USERNAME);
        String password = body.requiredString("password", Integer.MAX_VALUE);
        body.bool("remember_me", false);
        body.validate();
        requireNonEmpty("username", username.strip());
        requireNonEmpty("password", password);
        UserCredentials existing = queries.query(new FindCredentialsQuery(username),
                ResponseTypes.instanceOf(UserCredentials.class)).join();
        if (existing != null) {
            throw ApiException.badRequest("Username already exists");
        }
        UserId userId = UserId.of(ids.next(UserId.TYPE));
        commands.send(new RegisterUserCommand(userId, username, hasher.hash(password), null, null, null));
        return user(userId);
    }

    /**
     * Rotates the refresh token. From the cookie (web client): new cookies and UserResponse. From a
     * JSON body {@code {"refresh_token"}} (scripts): the new tokens in the body, no cookies.
     */
    @PostMapping("/refresh")
    Object refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fromBody = bodyRefreshToken(request.getInputStream().readAllBytes());
        String token = fromBody != null ? fromBody : AccessTokenFilter.cookie(request, AuthCookies.REFRESH);
        if (token == null) {
            throw ApiException.unauthorized("Refresh token required");
        }
        Claims claims = jwt.decode(token);
        if (claims == null) {
            throw ApiException.unauthorized("Unauthorized");
        }
        if (!JwtService.isType(claims, "refresh")) {
            throw ApiException.unauthorized("Invalid token type");
        }
        Long userId = JwtService.userId(claims);
        UserView user = userId == null || userId <= 0 ? null : queries.query(new FindUserQuery(UserId.of(userId)),
                ResponseTypes.instanceOf(UserView.class)).join();
        if (user == null) {
            throw ApiException.unauthorized("User not found");
        }
        UUID jti = jti(claims);
        if (jti == null || !refreshTokens.consume(jti, user.id())) {
            throw ApiException.unauthorized("Invalid refresh token");
        }
        String access = accessToken(user);
        String refresh = newRefreshToken(user.id());
        if (fromBody != null) {
            return new SessionTokens(user, access, refresh, AuthResponses.BEARER, JwtService.ACCESS_SECONDS);
        }
        cookies.set(request, response, access, refresh);
        return user;
    }

    /** Clears the cookies and ends the user's refresh sessions (found by refresh or access token). */
    @PostMapping("/logout")
    Message logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fromBody = bodyRefreshToken(request.getInputStream().readAllBytes());
        Long userId = null;
        for (String token : new String[]{fromBody, AccessTokenFilter.cookie(request, AuthCookies.REFRESH)}) {
            Claims claims = jwt.decode(token);
            if (userId == null && JwtService.isType(claims, "refresh")) {
                userId = JwtService.userId(claims);
            }
        }
        if (userId == null && request.getAttribute(CurrentUser.ATTRIBUTE) instanceof CurrentUser caller) {
            userId = caller.id();
        }
        if (userId != null) {
            refreshTokens.revokeAll(userId);
        }
        cookies.clear(request, response);
        return new Message("Logged out successfully");
    }

    private String accessToken(UserView user) {
        return jwt.accessToken(user.id(), user.username(), user.role());
    }

    private String newRefreshToken(long userId) {
        JwtService.IssuedRefreshToken issued = jwt.refreshToken(userId);
        refreshTokens.remember(userId, issued);
        return issued.token();
    }

    private UserView user(UserId userId) {
        UserView user = queries.query(new FindUserQuery(userId), ResponseTypes.instanceOf(UserView.class)).join();
        if (user == null) {
            throw ApiException.unauthorized("User not found");
        }
        return user;
    }

    /** The optional {@code {"refresh_token": "..."}} body; anything else (or nothing) means "use the cookie". */
    private String bodyRefreshToken(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        JsonBody body = JsonBody.parse(raw, mapper);
        String token = body.optionalString("refresh_token", Integer.MAX_VALUE);
        body.validate();
        return token;
    }

    private static UUID jti(Claims claims) {
        try {
            return claims.getId() == null ? null : UUID.fromString(claims.getId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requireNonEmpty(String field, String value) {
        if (value.isEmpty()) {
            throw new RequestValidationException(new ValidationError("string_too_short", List.of("body", field),
                    "String should have at least 1 character", value, java.util.Map.of("min_length", 1)));
        }
    }
}
