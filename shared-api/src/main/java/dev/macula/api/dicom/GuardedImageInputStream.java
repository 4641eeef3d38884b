package dev.macula.api.dicom;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An in-memory ImageInputStream that ends a decoder's runaway loop. JJ2000 (jai-imageio's JPEG 2000
 * decoder) reads packet headers bit by bit with {@code read()}: at the end of the stream -1 comes back,
 * which its bit reader takes for a byte of all ones, so a corrupt codestream can keep it reading past
 * the end forever (in {@code PktDecoder.readPktHead}, counting up a code-block length). A valid
 * codestream is read a few times over at most and hardly ever past its end, so both are bounded here.
 *
 * <p>When a bound is exceeded every further read throws {@link Overrun}, unchecked on purpose: JJ2000
 * treats {@code EOFException} as a truncated but usable codestream and swallows other
 * {@code IOException}s in places, while a runtime exception reaches the caller.
 */
final class GuardedImageInputStream extends ImageInputStreamImpl {

    /** Reads at or past the end that a decoder may make (bit readers prefetch; readers probe). */
    static final int MAX_READS_PAST_END = 1024;
    /** Bytes that may be read in all, per byte of input: headers are re-read, data once per pass. */
    static final int MAX_READ_FACTOR = 16;
    /** Bytes that may be read in all on top of that, so tiny inputs are not held to a tiny budget. */
    static final int MIN_READ_BUDGET = 1 << 16;

    private final byte[] bytes;
    private final long readBudget;
    private long bytesRead;
    private int readsPastEnd;

    GuardedImageInputStream(byte[] bytes) {
        this.bytes = bytes;
        this.readBudget = (long) bytes.length * MAX_READ_FACTOR + MIN_READ_BUDGET;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (!remains()) {
            return -1;
        }
        count(1);
        return bytes[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length || offset + length < 0) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " in " + buffer.length);
        }
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (!remains()) {
            return -1;
        }
        int n = (int) Math.min(length, bytes.length - streamPos);
        count(n);
        System.arraycopy(bytes, (int) streamPos, buffer, offset, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    /** Whether a byte is left, counting the read that finds none against its bound. */
    private boolean remains() {
        if (streamPos < bytes.length) {
            return true;
        }
        if (++readsPastEnd > MAX_READS_PAST_END) {
            throw new Overrun("the decoder kept reading past the end of the " + bytes.length
                    + "-byte codestream (corrupt packet headers)");
        }
        return false;
    }

    private void count(int n) {
        bytesRead += n;
        if (bytesRead > readBudget) {
            throw new Overrun("the decoder read " + bytesRead + " bytes of a " + bytes.length
                    + "-byte codestream (corrupt structure)");
        }
    }

    /** A bound exceeded: the codestream drives the decoder into a loop that would not end (soon). */
    static final class Overrun extends RuntimeException {

        Overrun(String reason) {
            super(reason);
        }
    }
}
