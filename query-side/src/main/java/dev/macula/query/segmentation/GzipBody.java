package dev.macula.query.segmentation;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip member (RFC 1952) built piece by piece into one growing array: the {@code .npy} header, then
 * the voxels as the blob store decompresses them, so the uncompressed array is never made whole.
 */
final class GzipBody {

    /**
     * zlib's fastest level. The contract fixes the encoding (gzip), not the level; masks are long runs
     * of a few values, which the fast level compresses to about 1 % at a third of the default level's
     * time (docs/performance.md, "Mask PUT and GET").
     */
    static final int LEVEL = Deflater.BEST_SPEED;
    /** What {@link java.util.zip.GZIPOutputStream} writes: deflate, no flags, no time, OS "unknown". */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater = new Deflater(LEVEL, true);
    private final CRC32 crc = new CRC32();
    private byte[] out;
    private int length;
    private long input;

    /** {@code expected}: the uncompressed length, to size the first output array. */
    GzipBody(long expected) {
        out = Arrays.copyOf(HEADER, (int) Math.max(4096, Math.min(expected / 8, Integer.MAX_VALUE - 8)));
        length = HEADER.length;
    }

    static byte[] of(byte[] data) {
        GzipBody body = new GzipBody(data.length);
        body.write(data, 0, data.length);
        return body.finish();
    }

    void write(byte[] data, int offset, int count) {
        crc.update(data, offset, count);
        input += count;
        deflater.setInput(data, offset, count);
        while (!deflater.needsInput()) {
            deflate();
        }
    }

    /** The whole member; the deflater's native memory is released. */
    byte[] finish() {
        try {
            deflater.finish();
            while (!deflater.finished()) {
                deflate();
            }
        } finally {
            deflater.end();
        }
        byte[] member = Arrays.copyOf(out, length + 8);
        putIntLittleEndian(member, length, (int) crc.getValue());
        putIntLittleEndian(member, length + 4, (int) input); // ISIZE: the length modulo 2^32
        return member;
    }

    /** Releases the deflater's native memory (also after a failure); again after {@link #finish} is harmless. */
    void end() {
        deflater.end();
    }

    private void deflate() {
        if (length == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        length += deflater.deflate(out, length, out.length - length);
    }

    private static void putIntLittleEndian(byte[] target, int at, int value) {
        target[at] = (byte) value;
        target[at + 1] = (byte) (value >>> 8);
        target[at + 2] = (byte) (value >>> 16);
        target[at + 3] = (byte) (value >>> 24);
    }
}
