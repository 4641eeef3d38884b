package dev.macula.api.identity;

import dev.macula.api.tagging.TagId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a user. Passwords arrive already hashed: plain text never enters a message. */
public final class UserCommands {

    private UserCommands() {
    }

    /**
     * Registers a user. {@code passwordHash} is an Argon2 PHC string; {@code legacyPasswordHash}
     * (hex of the original's PBKDF2 digest) is only set when users are carried over from Eyened.
     */
    public record RegisterUserCommand(@TargetAggregateIdentifier UserId userId, String username,
                                      String passwordHash, String legacyPasswordHash, Integer role,
                                      String description) {
    }

    public record ChangePasswordCommand(@TargetAggregateIdentifier UserId userId, String passwordHash) {
    }

    /** After a successful legacy login: store the Argon2 hash, forget the PBKDF2 digest (docs/api.md §2.6). */
    public record MigrateLegacyPasswordCommand(@TargetAggregateIdentifier UserId userId, String passwordHash) {
    }

    public record ChangeUserRoleCommand(@TargetAggregateIdentifier UserId userId, Integer role) {
    }

    public record StarTagCommand(@TargetAggregateIdentifier UserId userId, TagId tagId) {
    }

    public record UnstarTagCommand(@TargetAggregateIdentifier UserId userId, TagId tagId) {
    }
}
