package dev.macula.api.dicom;

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per
 * byte plane, most significant byte of each sample first, sample by sample. Decodes a frame to
 * native little-endian, pixel-interleaved bytes.
 */
final class RleDecoder {

    private static final int HEADER = 64;

    static byte[] decode(byte[] frame, int pixels, int samples, int bytesPerSample) throws DicomException {
        if (frame.length < HEADER) {
            throw new DicomException("RLE frame is shorter than its 64-byte header");
        }
        int segments = (int) u32(frame, 0);
        if (segments != samples * bytesPerSample) {
            throw new DicomException("RLE frame has " + segments + " segments, " + samples * bytesPerSample
                    + " expected");
        }
        byte[] out = new byte[pixels * samples * bytesPerSample];
        int stride = samples * bytesPerSample;
        for (int segment = 0; segment < segments; segment++) {
            long start = u32(frame, 4 + segment * 4);
            long end = segment + 1 < segments ? u32(frame, 8 + segment * 4) : frame.length;
            if (start < HEADER || end > frame.length || start > end) {
                throw new DicomException("RLE segment " + segment + " lies outside the frame");
            }
            int sample = segment / bytesPerSample;
            int significance = segment % bytesPerSample; // 0 = most significant byte
            int first = sample * bytesPerSample + (bytesPerSample - 1 - significance);
            unpack(frame, (int) start, (int) end, out, first, stride, pixels, segment);
        }
        return out;
    }

    /** PackBits: n ≥ 0 copies n+1 bytes, -127 ≤ n ≤ -1 repeats the next byte 1-n times, -128 is padding;
     * bytes beyond the plane (an encoder's padding) are ignored. */
    static void unpack(byte[] in, int from, int to, byte[] out, int first, int stride, int count, int segment)
            throws DicomException {
        int at = from;
        int written = 0;
        int target = first;
        while (written < count) {
            if (at >= to) {
                throw new DicomException("RLE segment " + segment + " ends after " + written + " of " + count
                        + " bytes");
            }
            int control = in[at++];
            if (control >= 0) {
                int run = control + 1;
                if (at + run > to) {
                    throw new DicomException("RLE segment " + segment + " has a literal run beyond its end");
                }
                run = Math.min(run, count - written); // a run past the plane is encoder padding
                for (int i = 0; i < run; i++) {
                    out[target] = in[at + i];
                    target += stride;
                }
                at += control + 1;
                written += run;
            } else if (control != -128) {
                int run = Math.min(1 - control, count - written);
                if (at >= to) {
                    throw new DicomException("RLE segment " + segment + " has a repeat run beyond its end");
                }
                byte value = in[at++];
                for (int i = 0; i < run; i++) {
                    out[target] = value;
                    target += stride;
                }
                written += run;
            }
        }
    }

    private static long u32(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL) | (bytes[at + 1] & 0xFFL) << 8 | (bytes[at + 2] & 0xFFL) << 16
                | (bytes[at + 3] & 0xFFL) << 24;
    }

    private RleDecoder() {
    }
}
