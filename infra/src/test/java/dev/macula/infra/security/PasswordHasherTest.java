package dev.macula.infra.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Argon2 at the production parameters costs noticeable time per hash, so the production-strength
 * hasher and one stored hash are shared, and everything else uses a cheap hasher.
 */
class PasswordHasherTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String PRODUCTION_PREFIX = "$argon2id$v=19$m=65536,t=3,p=4$";

    private static PasswordHasher hasher;
    private static String stored;

    @BeforeAll
    static void hashOnce() {
        hasher = new PasswordHasher(65_536, 3, 4);
        stored = hasher.hash(PASSWORD);
    }

    // --- Argon2id ---

    @Test
    void hashIsAnArgon2idPhcStringWithTheOriginalsParameters() {
        assertThat(stored).startsWith(PRODUCTION_PREFIX);

        String[] parts = stored.substring(PRODUCTION_PREFIX.length()).split("\\$");
        assertThat(parts).hasSize(2);
        // PHC uses unpadded standard base64: 16-byte salt, 32-byte hash
        assertThat(parts[0]).doesNotContain("=");
        assertThat(parts[1]).doesNotContain("=");
        assertThat(Base64.getDecoder().decode(parts[0])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[1])).hasSize(32);
    }

    @Test
    void rightPasswordMatches() {
        assertThat(hasher.matches(PASSWORD, stored)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        assertThat(hasher.matches("correct horse battery stapler", stored)).isFalse();
    }

    @Test
    void hashesAreSaltedAndVerifyWithTheOtherParameters() {
        PasswordHasher cheap = new PasswordHasher(8192, 2, 1);
        String first = cheap.hash(PASSWORD);
        String second = cheap.hash(PASSWORD);

        assertThat(first).startsWith("$argon2id$v=19$m=8192,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        // the production hasher reads the parameters from the stored hash, not from its own settings
        assertThat(hasher.matches(PASSWORD, first)).isTrue();
        assertThat(hasher.matches("something else", second)).isFalse();
    }

    @Test
    void productionHashVerifiesWithACheaperConfiguredHasher() {
        PasswordHasher cheap = new PasswordHasher(8192, 2, 1);

        assertThat(cheap.matches(PASSWORD, stored)).isTrue();
    }

    @Test
    void malformedHashesAreFalseNotExceptions() {
        assertThat(hasher.matches(PASSWORD, null)).isFalse();
        assertThat(hasher.matches(PASSWORD, "")).isFalse();
        assertThat(hasher.matches(PASSWORD, "not a hash")).isFalse();
        assertThat(hasher.matches(PASSWORD, "$argon2id$v=19$m=65536,t=3,p=4$")).isFalse();
        assertThat(hasher.matches(PASSWORD, "$argon2id$v=19$m=65536,t=3,p=4$!!!!$????")).isFalse();
        assertThat(hasher.matches(PASSWORD, "$argon2id$v=19$m=abc,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
                .isFalse();
        assertThat(hasher.matches(PASSWORD, "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"))
                .isFalse();
        // a legacy hex digest in the Argon2 column
        assertThat(hasher.matches(PASSWORD, legacyHex(PASSWORD))).isFalse();
    }

    @Test
    void burningTheDecoyNeitherThrowsNorMatters() {
        PasswordHasher cheap = new PasswordHasher(8192, 2, 1);

        cheap.burnDecoy("decoy password");
        cheap.burnDecoy("anything");
        // the decoy is not a back door: it is a private hash, never returned
        assertThat(cheap.matches("decoy password", cheap.hash("other"))).isFalse();
    }

    // --- legacy PBKDF2 ---

    /** Computed independently of the class under test: PBKDF2-HMAC-SHA256, salt "6f4b661212", 10000 rounds, 32 bytes. */
    private static String legacyHex(String password) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(),
                    "6f4b661212".getBytes(StandardCharsets.US_ASCII), 10_000, 32 * 8);
            byte[] digest = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            assertThat(digest).hasSize(32);
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void legacyDigestOfTheRightPasswordMatches() {
        String hex = legacyHex("hunter2");

        assertThat(hex).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(hasher.matchesLegacy("hunter2", hex)).isTrue();
    }

    @Test
    void legacyDigestAcceptsUpperCaseHex() {
        assertThat(hasher.matchesLegacy("hunter2", legacyHex("hunter2").toUpperCase(Locale.ROOT))).isTrue();
    }

    @Test
    void legacyDigestOfAWrongPasswordDoesNotMatch() {
        String hex = legacyHex("hunter2");

        assertThat(hasher.matchesLegacy("hunter3", hex)).isFalse();
        assertThat(hasher.matchesLegacy("Hunter2", hex)).isFalse();
    }

    @Test
    void legacyDigestWithOtherSaltOrIterationsDoesNotMatch() throws Exception {
        PBEKeySpec otherSalt = new PBEKeySpec("hunter2".toCharArray(),
                "6f4b661213".getBytes(StandardCharsets.US_ASCII), 10_000, 256);
        PBEKeySpec otherRounds = new PBEKeySpec("hunter2".toCharArray(),
                "6f4b661212".getBytes(StandardCharsets.US_ASCII), 9_999, 256);
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");

        assertThat(hasher.matchesLegacy("hunter2",
                HexFormat.of().formatHex(pbkdf2.generateSecret(otherSalt).getEncoded()))).isFalse();
        assertThat(hasher.matchesLegacy("hunter2",
                HexFormat.of().formatHex(pbkdf2.generateSecret(otherRounds).getEncoded()))).isFalse();
    }

    @Test
    void malformedLegacyDigestIsFalseNotAnException() {
        String hex = legacyHex("hunter2");

        assertThat(hasher.matchesLegacy("hunter2", null)).isFalse();
        assertThat(hasher.matchesLegacy("hunter2", "")).isFalse();
        assertThat(hasher.matchesLegacy("hunter2", "zz" + hex.substring(2))).isFalse();   // not hex
        assertThat(hasher.matchesLegacy("hunter2", hex.substring(1))).isFalse();          // odd length
        assertThat(hasher.matchesLegacy("hunter2", hex.substring(0, 32))).isFalse();      // truncated
        assertThat(hasher.matchesLegacy("hunter2", hex + "00")).isFalse();                // too long
        assertThat(hasher.matchesLegacy("hunter2", stored)).isFalse();                    // an Argon2 hash
    }
}
