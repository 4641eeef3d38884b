package dev.macula.api.identity;

import dev.macula.api.tagging.TagId;
import org.axonframework.serialization.Revision;

/**
 * Facts about users. Hashes are stored so read models can be rebuilt by replay; the history
 * endpoint redacts every field whose name ends in "Hash".
 */
public final class UserEvents {

    private UserEvents() {
    }

    @Revision("1")
    public record UserRegisteredEvent(UserId userId, String username, String passwordHash,
                                      String legacyPasswordHash, Integer role, String description) {
    }

    @Revision("1")
    public record PasswordChangedEvent(UserId userId, String passwordHash) {
    }

    @Revision("1")
    public record LegacyPasswordMigratedEvent(UserId userId, String passwordHash) {
    }

    @Revision("1")
    public record UserRoleChangedEvent(UserId userId, Integer from, Integer to) {
    }

    @Revision("1")
    public record TagStarredEvent(UserId userId, TagId tagId) {
    }

    @Revision("1")
    public record TagUnstarredEvent(UserId userId, TagId tagId) {
    }
}
