package dev.macula.api.common;

import dev.macula.api.identity.UserId;

/**
 * The authenticated caller of a request. The security filter stores it as the request attribute
 * {@link #ATTRIBUTE}, so controllers on both sides read it without depending on Spring Security.
 */
public record CurrentUser(long id, String username, Integer role) {

    public static final String ATTRIBUTE = "macula.currentUser";

    public UserId userId() {
        return UserId.of(id);
    }

    public boolean isAdmin() {
        return role != null && role == 1;
    }
}
