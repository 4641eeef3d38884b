package dev.macula.api.identity;

/** Queries on users; answered from the {@code app_user} read model. */
public final class UserQueries {

    private UserQueries() {
    }

    /** Answer: {@link UserView}, or null. */
    public record FindUserQuery(UserId userId) {
    }

    /** Answer: a list of {@link UserView} in id order. */
    public record FindUsersQuery() {
    }

    /** Login lookup by name, case- and accent-insensitively. Answer: {@link UserCredentials}, or null. */
    public record FindCredentialsQuery(String username) {
    }
}
