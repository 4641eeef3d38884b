package dev.macula.projection.identity;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.NameKey;
import dev.macula.api.identity.UserEvents.LegacyPasswordMigratedEvent;
import dev.macula.api.identity.UserEvents.PasswordChangedEvent;
import dev.macula.api.identity.UserEvents.TagStarredEvent;
import dev.macula.api.identity.UserEvents.TagUnstarredEvent;
import dev.macula.api.identity.UserEvents.UserRegisteredEvent;
import dev.macula.api.identity.UserEvents.UserRoleChangedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The {@code app_user} and {@code tag_star} read model. Runs in a subscribing processor, inside the
 * command's transaction: the unique name key turns a duplicate registration into a rolled-back
 * command. Inserts ignore rows already there, so a replay converges.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
@InlineReadModel(tables = {"tag_star", "app_user"})
class UserProjection {

    static final String GROUP = "users";

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;

    UserProjection(JdbcTemplate jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @Timestamp Instant at) {
        try {
            jdbc.update("""
                    insert into app_user (id, username, username_key, role, password_hash, legacy_password_hash,
                                          description, date_inserted)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                    event.userId().value(), event.username(), NameKey.of(event.username()), event.role(),
                    event.passwordHash(), event.legacyPasswordHash(), event.description(), Times.seconds(at));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("Username already exists");
        }
    }

    @EventHandler
    void on(PasswordChangedEvent event) {
        jdbc.update("update app_user set password_hash = ?, legacy_password_hash = null where id = ?",
                event.passwordHash(), event.userId().value());
    }

    @EventHandler
    void on(LegacyPasswordMigratedEvent event) {
        jdbc.update("update app_user set password_hash = ?, legacy_password_hash = null where id = ?",
                event.passwordHash(), event.userId().value());
    }

    @EventHandler
    void on(UserRoleChangedEvent event) {
        jdbc.update("update app_user set role = ? where id = ?", event.to(), event.userId().value());
        announceAfterCommit(new UserRowChanged(event.userId().value()));
    }

    /** After the command's commit (at once when there is no transaction, as in a replay without one). */
    private void announceAfterCommit(UserRowChanged change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publisher.publishEvent(change);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.publishEvent(change);
            }
        });
    }

    @EventHandler
    void on(TagStarredEvent event, @Timestamp Instant at) {
        // A star on a tag deleted in the meantime is dropped: the tag row is the reference.
        jdbc.update("""
                insert into tag_star (user_id, tag_id, date_inserted)
                select ?, id, ? from tag where id = ? on conflict do nothing""",
                event.userId().value(), Times.seconds(at), event.tagId().value());
    }

    @EventHandler
    void on(TagUnstarredEvent event) {
        jdbc.update("delete from tag_star where user_id = ? and tag_id = ?",
                event.userId().value(), event.tagId().value());
    }

    @EventHandler
    void on(TagDeletedEvent event) {
        jdbc.update("delete from tag_star where tag_id = ?", event.tagId().value());
    }
}
