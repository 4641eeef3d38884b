package dev.macula.api.voxels;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;

/**
 * Content-addressed storage for voxel data versions: a blob is named by the SHA-256 of its raw bytes
 * and kept zstd-compressed at {@code <root>/<first two hex>/<sha256>.zst}. Writing the same content
 * twice stores it once; nothing is ever overwritten, so every version of a mask stays retrievable.
 */
public final class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Pieces of this size: small enough for the young generation, large enough for few native calls. */
    private static final int PIECE = 256 * 1024;

    private final Path root;

    public BlobStore(Path root) {
        this.root = root;
    }

    public static String sha256(byte[] content) {
        return EncodedVoxels.sha256(content, 0, content.length);
    }

    /** Stores the content (if not there yet) and returns its SHA-256 hex. */
    public String put(byte[] content) {
        return put(EncodedVoxels.encode(DType.UINT8, new int[]{content.length}, content, 0, content.length));
    }

    /** Stores already encoded content (if not there yet) and returns its SHA-256 hex. */
    public String put(EncodedVoxels content) {
        String checksum = content.checksum();
        Path target = path(checksum);
        if (Files.exists(target)) {
            return checksum;
        }
        try {
            Path shard = target.getParent();
            boolean newShard = !Files.isDirectory(shard);
            Files.createDirectories(shard);
            if (newShard) {
                syncDirectory(root);
            }
            Path tmp = Files.createTempFile(shard, ".tmp-", ".part");
            try {
                writeDurably(tmp, content.zstd());
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException raced) {
                    // another writer stored the same content meanwhile: same bytes, nothing to do
                }
                syncDirectory(shard);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return checksum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the bytes and forces them to the disk before the caller renames the file into place. A
     * blob is the only copy of a mask version, and the event naming it is committed (and fsynced by
     * PostgreSQL) right after: without this, a power loss could keep the event and lose the blob, or
     * leave it empty under its final name.
     */
    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes a rename or a new entry in the directory survive a power loss (where the platform allows it). */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (java.nio.file.AccessDeniedException e) {
            // a platform that cannot open a directory (Windows) cannot force one either; Linux can
        }
    }

    /** Whether a blob with that checksum is stored (complete: blobs appear by an atomic move). */
    public boolean exists(String checksum) {
        return checksum != null && SHA256.matcher(checksum).matches() && Files.exists(path(checksum));
    }

    /** The content with that checksum, verified; empty when there is none. */
    public Optional<byte[]> get(String checksum, int size) {
        byte[] content = new byte[size];
        return readInto(checksum, content, 0, size) ? Optional.of(content) : Optional.empty();
    }

    /**
     * Decompresses the content with that checksum straight into {@code target[offset, offset + size)}
     * (a response can then put a header before it without copying the voxels) and verifies it;
     * false when there is no such blob.
     */
    public boolean readInto(String checksum, byte[] target, int offset, int size) {
        if (checksum == null || !SHA256.matcher(checksum).matches()) {
            return false;
        }
        try {
            byte[] stored = Files.readAllBytes(path(checksum));
            long written = Zstd.decompressByteArray(target, offset, size, stored, 0, stored.length);
            if (Zstd.isError(written)) {
                throw new VoxelFormatException("blob " + checksum + " is not a zstd frame of " + size + " bytes: "
                        + Zstd.getErrorName(written));
            }
            if (written != size || !EncodedVoxels.sha256(target, offset, size).equals(checksum)) {
                throw new VoxelFormatException("blob " + checksum + " is corrupt");
            }
            return true;
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives content piece by piece ({@link #stream}); the buffer is reused for the next piece. */
    @FunctionalInterface
    public interface Pieces {
        void accept(byte[] buffer, int offset, int length);
    }

    /**
     * Decompresses the content with that checksum into {@code sink} a piece at a time, so no array of
     * the whole content is made, and verifies it: a second thread decompresses the same (small) frame
     * again and hashes it, which costs less than hashing after the pieces. False when there is no such
     * blob; a corrupt one throws after the last piece, so a caller builds its answer before sending it.
     */
    public boolean stream(String checksum, int size, Pieces sink) {
        if (checksum == null || !SHA256.matcher(checksum).matches()) {
            return false;
        }
        byte[] stored;
        try {
            stored = Files.readAllBytes(path(checksum));
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FutureTask<String> verify = new FutureTask<>(() -> {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return pieces(checksum, stored, size, digest::update) == size ? HexFormat.of().formatHex(digest.digest()) : null;
        });
        Thread.ofVirtual().name("blob-verify").start(verify);
        try {
            long length = pieces(checksum, stored, size, sink);
            if (length != size || !checksum.equals(verify.get())) {
                throw new VoxelFormatException("blob " + checksum + " is corrupt");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying blob " + checksum, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            verify.cancel(true);
        }
    }

    /** Decompresses {@code stored} into {@code sink}; stops (corrupt) past {@code size} bytes. */
    private static long pieces(String checksum, byte[] stored, int size, Pieces sink) {
        byte[] piece = new byte[PIECE];
        long length = 0;
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(stored),
                RecyclingBufferPool.INSTANCE)) {
            int read;
            while ((read = in.readNBytes(piece, 0, piece.length)) > 0) {
                length += read;
                if (length > size) {
                    throw new VoxelFormatException("blob " + checksum + " is corrupt");
                }
                sink.accept(piece, 0, read);
            }
            return length;
        } catch (IOException e) {
            throw new VoxelFormatException("blob " + checksum + " is corrupt: " + e.getMessage());
        }
    }

    private Path path(String checksum) {
        if (!SHA256.matcher(checksum).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
        return root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst");
    }
}
