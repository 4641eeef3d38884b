package dev.macula.api.voxels;

import com.github.luben.zstd.Zstd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed storage for voxel data versions: a blob is named by the SHA-256 of its raw bytes
 * and kept zstd-compressed at {@code <root>/<first two hex>/<sha256>.zst}. Writing the same content
 * twice stores it once; nothing is ever overwritten, so every version of a mask stays retrievable.
 */
public final class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public BlobStore(Path root) {
        this.root = root;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the content (if not there yet) and returns its SHA-256 hex. */
    public String put(byte[] content) {
        String checksum = sha256(content);
        Path target = path(checksum);
        if (Files.exists(target)) {
            return checksum;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            try {
                Files.write(tmp, Zstd.compress(content, 3));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException raced) {
                    // another writer stored the same content meanwhile: same bytes, nothing to do
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return checksum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content with that checksum, verified; empty when there is none. */
    public Optional<byte[]> get(String checksum, int size) {
        if (checksum == null || !SHA256.matcher(checksum).matches()) {
            return Optional.empty();
        }
        try {
            byte[] content = Zstd.decompress(Files.readAllBytes(path(checksum)), size);
            if (!sha256(content).equals(checksum)) {
                throw new VoxelFormatException("blob " + checksum + " is corrupt");
            }
            return Optional.of(content);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String checksum) {
        if (!SHA256.matcher(checksum).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
        return root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst");
    }
}
