package dev.macula.api.identity;

/** What a login needs to know about a user. Never serialised to a client. */
public record UserCredentials(UserId userId, String username, Integer role, String passwordHash,
                              String legacyPasswordHash) {

    @Override
    public String toString() {
        return "UserCredentials[" + userId + ", " + username + "]"; // keeps hashes out of logs
    }
}
