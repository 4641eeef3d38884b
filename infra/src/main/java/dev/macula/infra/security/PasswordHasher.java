package dev.macula.infra.security;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Argon2id PHC hashes with the original's parameters (m=65536 KiB, t=3, p=4, 16-byte salt, 32-byte
 * hash); verification reads whatever parameters a stored hash names. Plus the original's legacy
 * PBKDF2 check, used only to migrate old hashes at login (docs/api.md §2.6).
 */
public class PasswordHasher {

    private static final byte[] LEGACY_SALT = "6f4b661212".getBytes(StandardCharsets.US_ASCII);
    private static final int LEGACY_ITERATIONS = 10_000;

    private final Argon2PasswordEncoder argon2;
    /** Verified against when a user does not exist, so timing does not tell which names exist. */
    private final String decoy;

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.argon2 = new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
        this.decoy = argon2.encode("decoy password");
    }

    public String hash(String password) {
        return argon2.encode(password);
    }

    public boolean matches(String password, String phc) {
        if (phc == null || phc.isEmpty()) {
            return false;
        }
        try {
            return argon2.matches(password, phc);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    public void burnDecoy(String password) {
        matches(password, decoy);
    }

    /** {@code legacyHex}: the 32-byte PBKDF2-HMAC-SHA256 digest of the original's Creator.Password, as hex. */
    public boolean matchesLegacy(String password, String legacyHex) {
        if (legacyHex == null) {
            return false;
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), LEGACY_SALT, LEGACY_ITERATIONS, 256);
            byte[] digest = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(digest, HexFormat.of().parseHex(legacyHex));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
