package dev.macula.api.voxels;

import com.github.luben.zstd.Zstd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One version of a segmentation's voxels as they are stored: the raw little-endian C-order bytes
 * (possibly a range of a bigger buffer, e.g. the data part of a request's {@code .npy}, so nothing
 * is copied), their SHA-256 and their zstd frame. The blob store and the zarr mirror store the
 * very same frame (the blob's level 3 is zstd's default, which the zarr store's "level 0" means),
 * so the bytes are hashed once and compressed once per write. The frame is made on first use, by
 * whichever thread asks first; {@link #encode} makes both at once, hashing large contents on a
 * second thread while this one compresses.
 */
public final class EncodedVoxels {

    /** Below this, a second thread costs more than it saves. */
    private static final int PARALLEL_BYTES = 256 * 1024;
    /** zstd's default level, as the blobs and zarr-python's {@code level 0} use it. */
    static final int LEVEL = 3;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final DType dtype;
    private final int[] shape;
    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final String checksum;
    private byte[] zstd;

    private EncodedVoxels(DType dtype, int[] shape, byte[] buffer, int offset, int length, String checksum,
                          byte[] zstd) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.checksum = checksum;
        this.zstd = zstd;
    }

    /** Hashes and compresses {@code buffer[offset, offset + length)}, the elements of an array of that type and shape. */
    public static EncodedVoxels encode(DType dtype, int[] shape, byte[] buffer, int offset, int length) {
        check(dtype, shape, buffer, offset, length);
        if (length < PARALLEL_BYTES) {
            return new EncodedVoxels(dtype, shape, buffer, offset, length, sha256(buffer, offset, length),
                    compress(buffer, offset, length));
        }
        FutureTask<String> hash = new FutureTask<>(() -> sha256(buffer, offset, length));
        Thread.ofVirtual().name("voxel-hash").start(hash);
        byte[] frame = compress(buffer, offset, length);
        try {
            return new EncodedVoxels(dtype, shape, buffer, offset, length, hash.get(), frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing voxels", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing voxels failed", e.getCause());
        }
    }

    /**
     * Content whose SHA-256 may already be known ({@code checksum}, e.g. hashed while it arrived:
     * {@link NpyUpload}; null to hash it now). The zstd frame is made when first asked for, so a
     * caller can have it made on another thread.
     */
    public static EncodedVoxels of(DType dtype, int[] shape, byte[] buffer, int offset, int length, String checksum) {
        check(dtype, shape, buffer, offset, length);
        return new EncodedVoxels(dtype, shape, buffer, offset, length,
                checksum != null ? checksum : sha256(buffer, offset, length), null);
    }

    /** Hashes now; the frame is made when first asked for. */
    public static EncodedVoxels of(NdArray array) {
        return of(array.dtype(), array.shape(), array.data(), 0, array.data().length, null);
    }

    private static void check(DType dtype, int[] shape, byte[] buffer, int offset, int length) {
        if (NdArray.elements(shape) * dtype.size() != length || offset < 0 || offset + (long) length > buffer.length) {
            throw new VoxelFormatException("shape " + NdArray.python(shape) + " of " + dtype.zarrName() + " needs "
                    + NdArray.elements(shape) * dtype.size() + " bytes, got " + length);
        }
    }

    public static EncodedVoxels encode(NdArray array) {
        return encode(array.dtype(), array.shape(), array.data(), 0, array.data().length);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of raw bytes. */
    public int length() {
        return length;
    }

    /** SHA-256 hex of the raw bytes: the blob's name and the event's checksum. */
    public String checksum() {
        return checksum;
    }

    /** The zstd frame (with the content size in its header, as zarr-python writes and needs). */
    synchronized byte[] zstd() {
        if (zstd == null) {
            zstd = compress(buffer, offset, length);
        }
        return zstd;
    }

    /** A copy of the raw bytes, for code that needs an array of its own. */
    public NdArray toArray() {
        return new NdArray(dtype, shape, Arrays.copyOfRange(buffer, offset, offset + length));
    }

    byte[] rawCopy() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** Whether every byte is zero (zarr writes no chunk for an element that is all fill value). */
    public boolean allZero() {
        for (int at = offset, end = offset + length; at < end; at += ZEROS.length) {
            int to = Math.min(end, at + ZEROS.length);
            if (Arrays.mismatch(buffer, at, to, ZEROS, 0, to - at) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] buffer, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(buffer, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] compress(byte[] buffer, int offset, int length) {
        byte[] out = new byte[Math.toIntExact(Zstd.compressBound(length))];
        long written = Zstd.compressByteArray(out, 0, out.length, buffer, offset, length, LEVEL);
        if (Zstd.isError(written)) {
            throw new VoxelFormatException("zstd compression failed: " + Zstd.getErrorName(written));
        }
        return Arrays.copyOf(out, (int) written);
    }
}
