package dev.macula.api.voxels;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@code .npy} request body of known length read into one array, its data part hashed (SHA-256,
 * the blob's name) on another thread while the rest still arrives: a 4 MB mask takes milliseconds
 * to hash and about as long to arrive, so the hash is ready almost when the last byte is. Whether
 * the body is a valid {@code .npy} is still for the caller to decide ({@link Npy#header}); the hash
 * is only handed out for exactly the data range that the complete body's header names.
 */
public final class NpyUpload {

    /** Hashing in steps of this many bytes: few thread hand-overs, and little left after the last read. */
    private static final int STEP = 256 * 1024;
    /** Beyond this many bytes a header that still does not parse is not worth waiting for. */
    private static final int HEADER_LIMIT = 64 * 1024 + 12;
    private static final Executor HASHER = task -> Thread.ofVirtual().name("npy-hash").start(task);

    private final byte[] body;
    private final MessageDigest digest;
    private CompletableFuture<Void> hashing = CompletableFuture.completedFuture(null);
    private Npy.Header header;
    private boolean hashable = true;
    private int hashedTo;
    private String checksum;

    private NpyUpload(byte[] body) {
        this.body = body;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads up to {@code length} bytes (fewer when the stream ends early: the body is then shorter). */
    public static NpyUpload read(InputStream in, int length) throws IOException {
        NpyUpload upload = new NpyUpload(new byte[length]);
        int filled = 0;
        while (filled < length) {
            int read = in.read(upload.body, filled, length - filled);
            if (read < 0) {
                return of(Arrays.copyOf(upload.body, filled)); // truncated: not hashed ahead
            }
            filled += read;
            upload.arrived(filled);
        }
        return upload;
    }

    /** A body that was read otherwise; nothing is hashed ahead. */
    public static NpyUpload of(byte[] body) {
        NpyUpload upload = new NpyUpload(body);
        upload.hashable = false;
        return upload;
    }

    public byte[] body() {
        return body;
    }

    /**
     * The SHA-256 hex of {@code body[offset, offset + length)} when that is the range hashed while
     * reading (the C-order data part of a valid header); null otherwise, and the caller hashes.
     */
    public String checksum(int offset, int length) {
        hashing.join();
        if (!hashable || header == null || header.offset() != offset || header.length() != length
                || hashedTo != offset + length) {
            return null;
        }
        if (checksum == null) {
            checksum = HexFormat.of().formatHex(digest.digest());
        }
        return checksum;
    }

    private void arrived(int filled) {
        if (!hashable) {
            return;
        }
        if (header == null) {
            try {
                header = Npy.header(body); // reads only the header's bytes; the data need not be here yet
            } catch (RuntimeException notYet) {
                hashable = filled < HEADER_LIMIT && filled < body.length;
                return;
            }
            if (!header.inPlace()) {
                hashable = false; // stored only after conversion: that content is hashed, not these bytes
                return;
            }
            hashedTo = header.offset();
        }
        int end = Math.min(filled, header.offset() + header.length());
        if (end - hashedTo >= STEP || (end == header.offset() + header.length() && end > hashedTo)) {
            int from = hashedTo;
            hashing = hashing.thenRunAsync(() -> digest.update(body, from, end - from), HASHER);
            hashedTo = end;
        }
    }
}
