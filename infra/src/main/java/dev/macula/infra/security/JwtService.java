package dev.macula.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * HS256 tokens exactly as the original issues them (docs/api.md §2.2): access tokens carry
 * {@code sub} (id as string), {@code username}, {@code role}, {@code type=access}; refresh tokens
 * {@code sub}, {@code type=refresh} and, new, a {@code jti} so they can rotate and be revoked.
 */
public class JwtService {

    public static final long ACCESS_SECONDS = 1800;
    public static final long REFRESH_SECONDS = 604_800;

    /** Verified tokens kept: enough for every client of a busy node within an access token's life. */
    private static final int VERIFIED_TOKENS = 10_000;

    private final SecretKey key;
    private final Clock clock;
    private final JwtParser parser;
    /**
     * Every request presents its access token; verifying the signature and parsing the JSON again
     * each time was a tenth of a small command's CPU. Only tokens that passed verification are kept
     * (so garbage cannot fill the cache), and their expiry is checked again on every use.
     */
    private final Cache<String, Claims> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS)
            .expireAfterWrite(Duration.ofSeconds(ACCESS_SECONDS))
            .build();

    public JwtService(byte[] secret, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secret);
        this.clock = clock;
        this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
    }

    public String accessToken(long userId, String username, Integer role) {
        Instant now = clock.instant();
        return Jwts.builder().header().type("JWT").and()
                .subject(Long.toString(userId))
                .claim("username", username)
                .claim("role", role)
                .claim("type", "access")
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(ACCESS_SECONDS)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public IssuedRefreshToken refreshToken(long userId) {
        Instant now = clock.instant();
        UUID jti = UUID.randomUUID();
        String token = Jwts.builder().header().type("JWT").and()
                .subject(Long.toString(userId))
                .claim("type", "refresh")
                .id(jti.toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(REFRESH_SECONDS)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedRefreshToken(token, jti, now.plusSeconds(REFRESH_SECONDS));
    }

    /** The verified claims, or null for anything expired, forged, unsigned or malformed. */
    public Claims decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        Claims known = verified.getIfPresent(token);
        if (known != null) {
            return expired(known) ? null : known;
        }
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            verified.put(token, claims);
            return claims;
        } catch (JwtException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The parser's own rule: expired once the clock is past {@code exp} (no skew allowed). */
    private boolean expired(Claims claims) {
        Date expiration = claims.getExpiration();
        return expiration != null && clock.instant().isAfter(expiration.toInstant());
    }

    /** The numeric user id of a verified token, or null when {@code sub} is not one. */
    public static Long userId(Claims claims) {
        try {
            return Long.valueOf(claims.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    public static boolean isType(Claims claims, String type) {
        return claims != null && type.equals(claims.get("type", String.class));
    }

    public record IssuedRefreshToken(String token, UUID jti, Instant expiresAt) {
    }
}
