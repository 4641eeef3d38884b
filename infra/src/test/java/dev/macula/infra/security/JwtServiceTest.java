package dev.macula.infra.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.security.WeakKeyException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtServiceTest {

    private static final byte[] SECRET =
            "macula-test-secret-0123456789-abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET =
            "another-secret-entirely-0123456789-ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtService jwt = new JwtService(SECRET, CLOCK);

    private static JwtService at(Instant instant) {
        return new JwtService(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static JsonNode segment(String token, int index) throws Exception {
        String[] parts = token.split("\\.", -1);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // --- access tokens ---

    @Test
    void accessTokenCarriesExactlyTheContractClaims() {
        Claims claims = jwt.decode(jwt.accessToken(42, "alice", 2));

        assertThat(claims).isNotNull();
        assertThat(claims.keySet()).containsExactlyInAnyOrder("sub", "username", "role", "type", "iat", "exp");
        assertThat(claims.getSubject()).isEqualTo("42");
        assertThat(claims.get("username", String.class)).isEqualTo("alice");
        assertThat(claims.get("role", Integer.class)).isEqualTo(2);
        assertThat(claims.get("type", String.class)).isEqualTo("access");
        assertThat(claims.getIssuedAt()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpiration()).isEqualTo(Date.from(NOW.plusSeconds(1800)));
        assertThat(JwtService.ACCESS_SECONDS).isEqualTo(1800);
    }

    @Test
    void accessTokenIsPlainHs256WithNumericDates() throws Exception {
        String token = jwt.accessToken(42, "alice", 2);

        JsonNode header = segment(token, 0);
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");

        JsonNode payload = segment(token, 1);
        assertThat(payload.get("sub").isTextual()).isTrue();
        assertThat(payload.get("sub").asText()).isEqualTo("42");
        assertThat(payload.get("role").isInt()).isTrue();
        assertThat(payload.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 1800);
    }

    @Test
    void aTokenVerifiedEarlierIsStillRefusedOnceItExpires() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        JwtService service = new JwtService(SECRET, moving);
        String token = service.accessToken(42, "alice", 2);

        assertThat(service.decode(token)).isNotNull(); // verified, now remembered
        now.set(NOW.plusSeconds(1800));
        assertThat(service.decode(token)).isNotNull(); // exactly at exp: still valid, as the parser says
        assertThat(at(NOW.plusSeconds(1800)).decode(token)).isNotNull();
        assertThat(at(NOW.plusSeconds(1801)).decode(token)).isNull();
        now.set(NOW.plusSeconds(1801));
        assertThat(service.decode(token)).isNull();
        assertThat(service.decode(token.substring(0, token.length() - 2) + "AA")).isNull();
    }

    @Test
    void accessTokenWithoutRoleDecodesToNullRole() {
        Claims claims = jwt.decode(jwt.accessToken(7, "norole", null));

        assertThat(claims).isNotNull();
        assertThat(claims.get("role")).isNull();
        assertThat(claims.get("type", String.class)).isEqualTo("access");
    }

    @Test
    void accessTokenIsValidUntilJustBeforeExpiry() {
        String token = jwt.accessToken(42, "alice", 2);

        assertThat(at(NOW.plusSeconds(1799)).decode(token)).isNotNull();
        assertThat(at(NOW.plusSeconds(1801)).decode(token)).isNull();
    }

    // --- refresh tokens ---

    @Test
    void refreshTokenCarriesTypeJtiAndSevenDayExpiry() {
        JwtService.IssuedRefreshToken issued = jwt.refreshToken(42);
        Claims claims = jwt.decode(issued.token());

        assertThat(claims).isNotNull();
        assertThat(claims.keySet()).containsExactlyInAnyOrder("sub", "type", "jti", "iat", "exp");
        assertThat(claims.getSubject()).isEqualTo("42");
        assertThat(claims.get("type", String.class)).isEqualTo("refresh");
        assertThat(claims.getId()).isNotBlank().isEqualTo(issued.jti().toString());
        assertThat(UUID.fromString(claims.getId())).isEqualTo(issued.jti());
        assertThat(claims.getIssuedAt()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpiration()).isEqualTo(Date.from(NOW.plusSeconds(604_800)));
        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(604_800));
        assertThat(JwtService.REFRESH_SECONDS).isEqualTo(604_800);
    }

    @Test
    void everyRefreshTokenGetsItsOwnJti() {
        JwtService.IssuedRefreshToken first = jwt.refreshToken(42);
        JwtService.IssuedRefreshToken second = jwt.refreshToken(42);

        assertThat(first.jti()).isNotEqualTo(second.jti());
        assertThat(first.token()).isNotEqualTo(second.token());
    }

    @Test
    void refreshTokenExpiresAfterSevenDays() {
        String token = jwt.refreshToken(42).token();

        assertThat(at(NOW.plusSeconds(604_799)).decode(token)).isNotNull();
        assertThat(at(NOW.plusSeconds(604_801)).decode(token)).isNull();
    }

    // --- helpers ---

    @Test
    void typeAndUserIdHelpers() {
        Claims access = jwt.decode(jwt.accessToken(42, "alice", 2));
        Claims refresh = jwt.decode(jwt.refreshToken(43).token());

        assertThat(JwtService.isType(access, "access")).isTrue();
        assertThat(JwtService.isType(access, "refresh")).isFalse();
        assertThat(JwtService.isType(refresh, "refresh")).isTrue();
        assertThat(JwtService.isType(refresh, "access")).isFalse();
        assertThat(JwtService.isType(null, "access")).isFalse();
        assertThat(JwtService.userId(access)).isEqualTo(42L);
        assertThat(JwtService.userId(refresh)).isEqualTo(43L);
    }

    // --- rejection ---

    @Test
    void tamperedSignatureIsRejected() {
        String token = jwt.accessToken(42, "alice", 2);
        int dot = token.lastIndexOf('.');
        // change a character in the middle of the signature (the last one may only carry padding bits)
        int i = dot + 10;
        char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, i) + flipped + token.substring(i + 1);

        assertThat(tampered).isNotEqualTo(token);
        assertThat(jwt.decode(tampered)).isNull();
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = jwt.accessToken(42, "alice", 2);
        String[] parts = token.split("\\.");
        String forgedPayload = b64("{\"sub\":\"1\",\"username\":\"admin\",\"role\":0,\"type\":\"access\",\"iat\":"
                + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 1800) + "}");

        assertThat(jwt.decode(parts[0] + "." + forgedPayload + "." + parts[2])).isNull();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        JwtService other = new JwtService(OTHER_SECRET, CLOCK);

        assertThat(jwt.decode(other.accessToken(42, "alice", 2))).isNull();
        assertThat(jwt.decode(other.refreshToken(42).token())).isNull();
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"42\",\"username\":\"alice\",\"role\":0,\"type\":\"access\",\"iat\":"
                + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + 1800) + "}");

        assertThat(jwt.decode(header + "." + payload + ".")).isNull();
    }

    @Test
    void algNoneWithTheOriginalSignatureIsRejected() {
        String token = jwt.accessToken(42, "alice", 2);
        String[] parts = token.split("\\.");
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        assertThat(jwt.decode(noneHeader + "." + parts[1] + "." + parts[2])).isNull();
        assertThat(jwt.decode(noneHeader + "." + parts[1] + ".")).isNull();
    }

    @Test
    void expiredTokenIsRejected() {
        Instant issuedAt = Instant.parse("2026-01-01T00:00:00Z");
        String token = at(issuedAt).accessToken(42, "alice", 2);

        assertThat(at(issuedAt).decode(token)).isNotNull();
        assertThat(at(issuedAt.plusSeconds(3600)).decode(token)).isNull();
    }

    @Test
    void garbageIsRejected() {
        assertThat(jwt.decode(null)).isNull();
        assertThat(jwt.decode("")).isNull();
        assertThat(jwt.decode("   ")).isNull();
        assertThat(jwt.decode("garbage")).isNull();
        assertThat(jwt.decode("a.b.c")).isNull();
        assertThat(jwt.decode("Bearer " + jwt.accessToken(42, "alice", 2))).isNull();
    }

    @Test
    void shortSecretIsRefused() {
        byte[] shortSecret = new byte[31];

        assertThatThrownBy(() -> new JwtService(shortSecret, CLOCK)).isInstanceOf(WeakKeyException.class);
    }
}
