package dev.macula.infra.identity;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserCommands.MigrateLegacyPasswordCommand;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.infra.security.LoginThrottle;
import dev.macula.infra.security.PasswordHasher;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The original's {@code check_login} (docs/api.md §2.6): Argon2 first, then the legacy PBKDF2 digest,
 * which a successful login replaces by an Argon2 hash. Failures are throttled per name.
 */
@Component
class CredentialCheck {

    static final String INVALID = "Invalid credentials";

    private final QueryGateway queries;
    private final CommandDispatcher commands;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    CredentialCheck(QueryGateway queries, CommandDispatcher commands, PasswordHasher hasher, LoginThrottle throttle) {
        this.queries = queries;
        this.commands = commands;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    UserCredentials verify(String username, String password) {
        throttle.check(username);
        UserCredentials user = queries.query(new FindCredentialsQuery(username),
                ResponseTypes.instanceOf(UserCredentials.class)).join();
        if (user == null) {
            hasher.burnDecoy(password);
        } else if (hasher.matches(password, user.passwordHash())) {
            throttle.succeeded(username);
            return user;
        } else if (hasher.matchesLegacy(password, user.legacyPasswordHash())) {
            commands.sendAs(new MigrateLegacyPasswordCommand(user.userId(), hasher.hash(password)),
                    user.userId().value(), user.username());
            throttle.succeeded(username);
            return user;
        }
        throttle.failed(username);
        throw ApiException.unauthorized(INVALID);
    }
}
