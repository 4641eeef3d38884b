package dev.macula.command.identity;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.identity.UserCommands.ChangeUserRoleCommand;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * User management for admins (new in Macula; the security configuration limits {@code /api/users}
 * to role 1): change a role, and carry users over from an Eyened database with their hashes.
 */
@RestController
@RequestMapping("/api/users")
class UserAdminController {

    static final int MAX_USERNAME = 45;
    private static final Pattern LEGACY_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String NOT_FOUND = "User not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;

    UserAdminController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
    }

    /** {@code {"role": 1}} makes an admin, {@code {"role": null}} an annotator. */
    @PatchMapping("/{user_id}")
    UserView changeRole(@PathVariable("user_id") long userId, JsonBody body,
                        @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser caller) {
        if (!body.containsKey("role")) {
            throw new RequestValidationException(
                    ValidationError.of("missing", List.of("body", "role"), "Field required", null));
        }
        Integer role = role(body);
        body.validate();
        if (userId <= 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (userId == caller.id()) {
            throw ApiException.conflict("Admins cannot change their own role");
        }
        commands.send(new ChangeUserRoleCommand(UserId.of(userId), role),
                NOT_FOUND);
        return find(UserId.of(userId));
    }

    /**
     * Carries a user over from the original platform: {@code {"username", "password_hash"?
     * (Argon2 PHC), "legacy_password"? (hex of the 32-byte PBKDF2 digest), "role"?, "description"?}}.
     * Legacy digests are migrated to Argon2 at the user's first login (docs/api.md §2.6).
     */
    @PostMapping("/import")
    UserView importUser(JsonBody body) {
        String username = body.requiredString("username", MAX_USERNAME);
        String passwordHash = body.optionalString("password_hash", 255);
        String legacy = body.optionalString("legacy_password", 64);
        Integer role = role(body);
        String description = body.optionalString("description", 1000);
        body.validate();
        if (passwordHash == null && legacy == null) {
            throw ApiException.badRequest("Either password_hash or legacy_password is required");
        }
        if (passwordHash != null && !passwordHash.startsWith("$argon2")) {
            throw ApiException.badRequest("password_hash must be an Argon2 PHC string");
        }
        if (legacy != null && !LEGACY_DIGEST.matcher(legacy).matches()) {
            throw ApiException.badRequest("legacy_password must be 64 hexadecimal characters");
        }
        UserCredentials existing = queries.query(new FindCredentialsQuery(username),
                ResponseTypes.instanceOf(UserCredentials.class)).join();
        if (existing != null) {
            throw ApiException.badRequest("Username already exists");
        }
        UserId userId = UserId.of(ids.next(UserId.TYPE));
        commands.send(new RegisterUserCommand(userId, username, passwordHash,
                legacy == null ? null : legacy.toLowerCase(), role,
                description));
        return find(userId);
    }

    private UserView find(UserId userId) {
        UserView view = queries.query(new FindUserQuery(userId), ResponseTypes.instanceOf(UserView.class)).join();
        if (view == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return view;
    }

    /** The optional integer {@code role}; one beyond a 32-bit int (the column's type) is a 422, not an overflow. */
    private static Integer role(JsonBody body) {
        Long role = body.optionalInt("role");
        if (role != null && (role < Integer.MIN_VALUE || role > Integer.MAX_VALUE)) {
            boolean high = role > Integer.MAX_VALUE;
            body.reject(new ValidationError(high ? "less_than_equal" : "greater_than_equal", body.location("role"),
                    "Input should be " + (high ? "less" : "greater") + " than or equal to "
                            + (high ? Integer.MAX_VALUE : Integer.MIN_VALUE), role,
                    Map.of(high ? "le" : "ge", high ? Integer.MAX_VALUE : Integer.MIN_VALUE)));
            return null;
        }
        return role == null ? null : role.intValue();
    }
}
