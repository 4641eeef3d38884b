package dev.macula.api.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Stored values to an 8-bit image for display: grey through the modality rescale and the DICOM
 * linear VOI function (PS3.3 §C.11.2.1.2.1) or, without a window, the frame's min–max; MONOCHROME1
 * inverted; colour scaled to 8 bits.
 */
final class DisplayConverter {

    /** A VOI window; width ≥ 1 as the standard requires. */
    record Window(double center, double width) {
    }

    static BufferedImage convert(DicomFrame frame, double slope, double intercept, Window window, boolean invert) {
        int columns = frame.columns();
        int rows = frame.rows();
        int[] values = frame.values();
        if (frame.samples() == 3) {
            BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            int shift = Math.max(0, frame.bitsStored() - 8);
            for (int p = 0, i = 0; p < pixels.length; p++, i += 3) {
                pixels[p] = (values[i] >> shift) << 16 | (values[i + 1] >> shift) << 8 | (values[i + 2] >> shift);
            }
            return image;
        }
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Window effective = window;
        if (effective == null) {
            effective = minMaxWindow(values, slope, intercept);
        }
        for (int i = 0; i < pixels.length; i++) {
            double grey = voi(values[i] * slope + intercept, effective.center(), effective.width());
            pixels[i] = (byte) (int) (invert ? 255 - grey : grey);
        }
        return image;
    }

    /**
     * The linear VOI function to 0–255: below c - 0.5 - (w-1)/2 is 0, above c - 0.5 + (w-1)/2 is 255,
     * between ((x - (c - 0.5)) / (w - 1) + 0.5) × 255. Unrounded: the caller inverts (MONOCHROME1) and
     * then truncates, as dcmtk does, so that displays agree with dcm2pnm.
     */
    static double voi(double x, double center, double width) {
        double low = center - 0.5 - (width - 1) / 2;
        double high = center - 0.5 + (width - 1) / 2;
        if (x <= low) {
            return 0;
        }
        if (x > high) {
            return 255;
        }
        return Math.max(0, Math.min(255, ((x - (center - 0.5)) / (width - 1) + 0.5) * 255));
    }

    /** The window that maps the frame's smallest rescaled value to 0 and its largest to 255. */
    static Window minMaxWindow(int[] values, double slope, double intercept) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double a = min * slope + intercept;
        double b = max * slope + intercept;
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        // the VOI function spans [c - 0.5 - (w-1)/2, c - 0.5 + (w-1)/2]; pick c, w so it is [low, high]
        double width = high - low + 1;
        double center = low + 0.5 + (width - 1) / 2;
        return new Window(center, Math.max(width, 1));
    }

    private DisplayConverter() {
    }
}
