package dev.macula.api.dicom;

/**
 * Native (uncompressed, little endian) pixel data of one frame to stored values: bytes to samples
 * (masked to BitsStored, sign-extended when signed), planar to interleaved, YBR_FULL_422's shared
 * chroma expanded, YBR to RGB.
 */
final class NativeDecoder {

    static int[] decode(byte[] raw, PixelLayout layout) {
        int[] values;
        if (layout.photometric().equals(PixelLayout.YBR_FULL_422)) {
            values = expand422(samples(raw, layout, layout.rows() * layout.columns() * 2), layout);
        } else {
            values = samples(raw, layout, layout.values());
            if (layout.samples() == 3 && layout.planar()) {
                values = interleave(values);
            }
        }
        if (layout.photometric().startsWith("YBR_FULL")) {
            Colour.ybrToRgb(values, layout.bitsStored(), layout.photometric().equals(PixelLayout.YBR_FULL_422));
        }
        return values;
    }

    /** Raw samples in stored order, masked and sign-extended. */
    static int[] samples(byte[] raw, PixelLayout layout, int count) {
        int[] values = new int[count];
        if (layout.bitsAllocated() == 8) {
            for (int i = 0; i < count; i++) {
                values[i] = raw[i] & 0xFF;
            }
        } else {
            for (int i = 0, at = 0; i < count; i++, at += 2) {
                values[i] = (raw[at] & 0xFF) | (raw[at + 1] & 0xFF) << 8;
            }
        }
        Colour.maskAndExtend(values, layout);
        return values;
    }

    private static int[] interleave(int[] planes) {
        int pixels = planes.length / 3;
        int[] values = new int[planes.length];
        for (int p = 0; p < pixels; p++) {
            values[p * 3] = planes[p];
            values[p * 3 + 1] = planes[pixels + p];
            values[p * 3 + 2] = planes[2 * pixels + p];
        }
        return values;
    }

    /** Y1 Y2 Cb Cr per pixel pair (an odd last column would repeat the pair's chroma). */
    private static int[] expand422(int[] packed, PixelLayout layout) {
        int columns = layout.columns();
        int[] values = new int[layout.values()];
        int in = 0;
        for (int row = 0; row < layout.rows(); row++) {
            int rowStart = row * columns;
            for (int column = 0; column < columns; column += 2) {
                int y1 = packed[in];
                int y2 = packed[in + 1];
                int cb = packed[in + 2];
                int cr = packed[in + 3];
                in += 4;
                int out = (rowStart + column) * 3;
                values[out] = y1;
                values[out + 1] = cb;
                values[out + 2] = cr;
                if (column + 1 < columns) {
                    values[out + 3] = y2;
                    values[out + 4] = cb;
                    values[out + 5] = cr;
                }
            }
        }
        return values;
    }

    private NativeDecoder() {
    }
}
