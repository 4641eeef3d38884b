package dev.macula.infra.security;

import dev.macula.infra.config.MaculaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key for tokens (and, later, thumbnail names): {@code SECRET_KEY} as UTF-8 bytes, as the
 * original uses it. When unset, one is generated once and kept in the data folder. Keys shorter
 * than 32 bytes are refused: HS256 needs 256 bits.
 */
public final class SecretKeys {

    static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    private SecretKeys() {
    }

    public static byte[] resolve(MaculaProperties properties) {
        String configured = properties.secretKey();
        if (configured != null && !configured.isEmpty()) {
            return check(configured.getBytes(StandardCharsets.UTF_8), "SECRET_KEY");
        }
        Path file = properties.dataDir().resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                generate(file);
                log.info("Generated a secret key in {} (set SECRET_KEY to manage it yourself)", file);
            }
            return check(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }

    private static byte[] check(byte[] key, String source) {
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(source + " is " + key.length + " bytes; at least " + MIN_BYTES
                    + " are required (e.g. `openssl rand -base64 32`)");
        }
        return key;
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "secret", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(tmp, Base64.getEncoder().encodeToString(random));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (!Files.exists(file)) { // another node won the race: fine, otherwise fail
                throw e;
            }
        }
    }
}
