package dev.macula.infra.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Server-side state of refresh tokens, so they can rotate (each one is good for one refresh) and be
 * revoked at logout and password change. Security state, not domain history: a plain table.
 */
@Component
public class RefreshTokenStore {

    private final JdbcTemplate jdbc;

    public RefreshTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void remember(long userId, JwtService.IssuedRefreshToken token) {
        jdbc.update("delete from refresh_token where user_id = ? and expires_at < now() - interval '1 day'", userId);
        jdbc.update("insert into refresh_token (jti, user_id, issued_at, expires_at) values (?, ?, now(), ?)",
                token.jti(), userId, Timestamp.from(token.expiresAt()));
    }

    /**
     * Uses up a refresh token. False when it is unknown, expired or already used — and a reused
     * token revokes all of the user's sessions, since someone else may hold a copy.
     */
    public boolean consume(UUID jti, long userId) {
        int used = jdbc.update("""
                update refresh_token set revoked_at = now()
                where jti = ? and user_id = ? and revoked_at is null and expires_at > ?""",
                jti, userId, Timestamp.from(Instant.now()));
        if (used == 0) {
            revokeAll(userId);
            return false;
        }
        return true;
    }

    public void revokeAll(long userId) {
        jdbc.update("update refresh_token set revoked_at = now() where user_id = ? and revoked_at is null", userId);
    }
}
