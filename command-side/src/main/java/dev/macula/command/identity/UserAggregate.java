package dev.macula.command.identity;

import dev.macula.api.identity.UserCommands.ChangePasswordCommand;
import dev.macula.api.identity.UserCommands.ChangeUserRoleCommand;
import dev.macula.api.identity.UserCommands.MigrateLegacyPasswordCommand;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserCommands.StarTagCommand;
import dev.macula.api.identity.UserCommands.UnstarTagCommand;
import dev.macula.api.identity.UserEvents.LegacyPasswordMigratedEvent;
import dev.macula.api.identity.UserEvents.PasswordChangedEvent;
import dev.macula.api.identity.UserEvents.TagStarredEvent;
import dev.macula.api.identity.UserEvents.TagUnstarredEvent;
import dev.macula.api.identity.UserEvents.UserRegisteredEvent;
import dev.macula.api.identity.UserEvents.UserRoleChangedEvent;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user (the original's Creator). Holds what its own rules need: whether a legacy digest is still
 * waiting for migration, the role, and the starred tags (stars are idempotent). Unique names are a
 * set-based rule of the {@code app_user} read model.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class UserAggregate {

    @AggregateIdentifier
    private UserId userId;
    private boolean legacyPasswordPending;
    private Integer role;
    private final Set<TagId> starred = new HashSet<>();

    protected UserAggregate() {
        // for Axon
    }

    @CommandHandler
    public UserAggregate(RegisterUserCommand command) {
        if (command.passwordHash() == null && command.legacyPasswordHash() == null) {
            throw new IllegalArgumentException("a user needs a password hash");
        }
        apply(new UserRegisteredEvent(command.userId(), command.username(), command.passwordHash(),
                command.legacyPasswordHash(), command.role(), command.description()));
    }

    @CommandHandler
    public void handle(ChangePasswordCommand command) {
        apply(new PasswordChangedEvent(userId, command.passwordHash()));
    }

    /** Only once: a second migration (two concurrent legacy logins) is a no-op. */
    @CommandHandler
    public void handle(MigrateLegacyPasswordCommand command) {
        if (legacyPasswordPending) {
            apply(new LegacyPasswordMigratedEvent(userId, command.passwordHash()));
        }
    }

    @CommandHandler
    public void handle(ChangeUserRoleCommand command) {
        if (!Objects.equals(role, command.role())) {
            apply(new UserRoleChangedEvent(userId, role, command.role()));
        }
    }

    @CommandHandler
    public void handle(StarTagCommand command) {
        if (!starred.contains(command.tagId())) {
            apply(new TagStarredEvent(userId, command.tagId()));
        }
    }

    @CommandHandler
    public void handle(UnstarTagCommand command) {
        if (starred.contains(command.tagId())) {
            apply(new TagUnstarredEvent(userId, command.tagId()));
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        role = event.role();
        legacyPasswordPending = event.legacyPasswordHash() != null;
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        legacyPasswordPending = false;
    }

    @EventSourcingHandler
    void on(LegacyPasswordMigratedEvent event) {
        legacyPasswordPending = false;
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.to();
    }

    @EventSourcingHandler
    void on(TagStarredEvent event) {
        starred.add(event.tagId());
    }

    @EventSourcingHandler
    void on(TagUnstarredEvent event) {
        starred.remove(event.tagId());
    }
}
