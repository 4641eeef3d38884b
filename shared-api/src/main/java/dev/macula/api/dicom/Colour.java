package dev.macula.api.dicom;

/**
 * Sample post-processing shared by the decoders: BitsStored masking and sign extension, and the two
 * YCbCr→RGB conversions dcmtk uses, so decoded colours agree with its tools: the JPEG decoder's
 * fixed-point tables (IJG's jdcolor) for JPEG data, and dcmimage's table for native and RLE data.
 */
final class Colour {

    /** Keeps the low BitsStored bits of each sample; sign-extends them when PixelRepresentation = 1. */
    static void maskAndExtend(int[] values, PixelLayout layout) {
        int bits = layout.bitsStored();
        if (bits >= 32) {
            return;
        }
        int mask = (1 << bits) - 1;
        if (layout.signed() && layout.grey()) {
            int shift = 32 - bits;
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] << shift) >> shift;
            }
        } else if (mask != 0xFFFF || bits != layout.bitsAllocated()) {
            for (int i = 0; i < values.length; i++) {
                values[i] &= mask;
            }
        }
    }

    /**
     * YBR_FULL to RGB in place as dcmtk's dcmimage does for uncompressed and RLE data (so results agree
     * with dcm2pnm): the coefficients of PS3.3 §C.7.6.3.1.2 with the chroma offsets folded into
     * constants of the maximum value; for full-resolution 8-bit data each term truncated toward zero
     * separately (dcmimage's tables), for YBR_FULL_422 and more bits the whole sum.
     */
    static void ybrToRgb(int[] values, int bits, boolean subsampled) {
        int max = (1 << bits) - 1;
        if (bits == 8 && !subsampled) {
            int[] redCr = new int[256];
            int[] greenCb = new int[256];
            int[] greenCr = new int[256];
            int[] blueCb = new int[256];
            for (int i = 0; i < 256; i++) {
                redCr[i] = (int) (1.4020 * i - 0.7010 * max);
                greenCb[i] = (int) (0.3441 * i);
                greenCr[i] = (int) (0.7141 * i - 0.5291 * max);
                blueCb[i] = (int) (1.7720 * i - 0.8859 * max);
            }
            for (int i = 0; i < values.length; i += 3) {
                int y = values[i];
                int cb = values[i + 1];
                int cr = values[i + 2];
                values[i] = clamp(y + redCr[cr], max);
                values[i + 1] = clamp(y - greenCb[cb] - greenCr[cr], max);
                values[i + 2] = clamp(y + blueCb[cb], max);
            }
            return;
        }
        for (int i = 0; i < values.length; i += 3) {
            double y = values[i];
            double cb = values[i + 1];
            double cr = values[i + 2];
            values[i] = clamp(y + 1.4020 * cr - 0.7010 * max, max);
            values[i + 1] = clamp(y - 0.3441 * cb - 0.7141 * cr + 0.5291 * max, max);
            values[i + 2] = clamp(y + 1.7720 * cb - 0.8859 * max, max);
        }
    }

    private static int clamp(double value, int max) {
        return value < 0 ? 0 : value > max ? max : (int) value;
    }

    /** YCbCr to RGB in place with the JPEG decoder's 16-bit fixed-point arithmetic (IJG jdcolor). */
    static void jpegYCbCrToRgb(int[] values, int bits) {
        int max = (1 << bits) - 1;
        int center = 1 << (bits - 1);
        long half = 1L << 15;
        long redCr = fix(1.40200);
        long blueCb = fix(1.77200);
        long greenCr = fix(0.71414);
        long greenCb = fix(0.34414);
        for (int i = 0; i < values.length; i += 3) {
            int y = values[i];
            long cb = values[i + 1] - center;
            long cr = values[i + 2] - center;
            values[i] = clamp(y + (int) ((redCr * cr + half) >> 16), max);
            values[i + 1] = clamp(y + (int) ((-greenCb * cb + half - greenCr * cr) >> 16), max);
            values[i + 2] = clamp(y + (int) ((blueCb * cb + half) >> 16), max);
        }
    }

    private static long fix(double coefficient) {
        return (long) (coefficient * (1L << 16) + 0.5);
    }

    private static int clamp(int value, int max) {
        return value < 0 ? 0 : Math.min(value, max);
    }

    private Colour() {
    }
}
