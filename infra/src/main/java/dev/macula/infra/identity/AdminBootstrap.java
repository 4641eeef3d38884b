package dev.macula.infra.identity;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserCommands.ChangeUserRoleCommand;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.api.identity.UserView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.infra.config.MaculaProperties;
import dev.macula.infra.security.PasswordHasher;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Creates the admin named by {@code ADMIN_USERNAME}/{@code ADMIN_PASSWORD} at start-up (contract
 * docs/api.md §2.7), with role 1. Skipped with a warning when either is empty (docs/api.md §9.2 item 6). An existing user of
 * that name keeps its password but is made admin.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final MaculaProperties properties;
    private final QueryGateway queries;
    private final CommandDispatcher commands;
    private final IdAllocator ids;
    private final PasswordHasher hasher;

    AdminBootstrap(MaculaProperties properties, QueryGateway queries, CommandDispatcher commands, IdAllocator ids,
                   PasswordHasher hasher) {
        this.properties = properties;
        this.queries = queries;
        this.commands = commands;
        this.ids = ids;
        this.hasher = hasher;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = properties.adminUsername();
        String password = properties.adminPassword();
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            log.warn("ADMIN_USERNAME or ADMIN_PASSWORD is empty: no admin user is created");
            return;
        }
        UserCredentials existing = queries.query(new FindCredentialsQuery(username),
                ResponseTypes.instanceOf(UserCredentials.class)).join();
        if (existing == null) {
            UserId userId = UserId.of(ids.next(UserId.TYPE));
            try {
                commands.send(new RegisterUserCommand(userId, username, hasher.hash(password), null,
                        UserView.ADMIN_ROLE, "Default admin user created during initialization"));
                log.info("Created admin user '{}' (id {})", username, userId.value());
            } catch (ApiException e) {
                log.info("Admin user '{}' was created concurrently by another node", username);
            }
        } else if (!Objects.equals(existing.role(), UserView.ADMIN_ROLE)) {
            commands.send(new ChangeUserRoleCommand(existing.userId(), UserView.ADMIN_ROLE));
            log.info("Made existing user '{}' an admin", username);
        }
    }
}
