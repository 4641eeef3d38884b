package dev.macula.projection.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.imageio.ImageTypeSpecifier;

/**
 * The large pixel arrays of one thumbnail — the decoded photo, the first downscaling steps and a
 * padded fundus square — kept for the next thumbnail instead of allocated anew.
 *
 * <p>Why: a decoded 2 MP photo is a 6 MB array and the first halving steps are over 1 MB each. G1
 * allocates every array larger than half a heap region (1 MB with the platform's default heap) as a
 * humongous object straight into the old generation, and each such allocation checks whether to
 * start a concurrent mark. In one 2,000-photo import the platform (a live set of about 70 MB) ran
 * a mark cycle every 0.6 s, 131 of them, each a few hundred milliseconds of a core taken from
 * rendering (docs/performance.md, "Image import, Speed II"); fresh arrays also cost their zeroing.
 *
 * <p>Every image handed out is cleared first (black, as a new one), so no pixel of an earlier
 * image can show in a later thumbnail, even where a decoder or a draw leaves pixels untouched.
 * Arrays above {@link #MAX_ARRAY_BYTES} are not kept (those images are allocated as before), and a
 * pool keeps at most {@link Pool#MAX_IDLE} idle sets — one per rendering thread of the thumbnail
 * processor.
 */
final class PixelBuffers {

    /** Slots for 8-bit and 32-bit images besides the decoded one: two alternating resize steps and a canvas. */
    static final int STEP_A = 0;
    static final int STEP_B = 1;
    static final int CANVAS = 2;
    private static final int SLOTS = 3;

    /** Larger arrays (a 20-megapixel photo decoded in full) are allocated per thumbnail, as before. */
    static final long MAX_ARRAY_BYTES = 64L << 20;

    private byte[] decoded;
    private final byte[][] bytes = new byte[SLOTS][];
    private final int[][] ints = new int[SLOTS][];

    /** Sets of buffers for the renderers sharing one {@link ThumbnailRenderer}. */
    static final class Pool {

        static final int MAX_IDLE = 2;

        private final ConcurrentLinkedDeque<PixelBuffers> idle = new ConcurrentLinkedDeque<>();

        PixelBuffers take() {
            PixelBuffers buffers = idle.pollFirst();
            return buffers != null ? buffers : new PixelBuffers();
        }

        /** Only when nothing made from the set is used any more. */
        void giveBack(PixelBuffers buffers) {
            if (idle.size() < MAX_IDLE) {
                idle.offerFirst(buffers);
            }
        }
    }

    /**
     * A black {@code width × height} image of the type a reader would decode into ({@code type}), over
     * the kept array; null when that type is not 8-bit BGR or grey or the image is too large (the
     * reader then allocates its own, as without buffers).
     */
    BufferedImage decodeTarget(ImageTypeSpecifier type, int width, int height) {
        int imageType = type.getBufferedImageType();
        if (imageType != BufferedImage.TYPE_3BYTE_BGR && imageType != BufferedImage.TYPE_BYTE_GRAY) {
            return null;
        }
        SampleModel model = type.getSampleModel(width, height);
        long size = (long) width * height * model.getNumBands();
        if (model.getDataType() != DataBuffer.TYPE_BYTE || size > MAX_ARRAY_BYTES) {
            return null;
        }
        if (decoded == null || decoded.length < size) {
            decoded = new byte[(int) size];
        } else {
            Arrays.fill(decoded, 0, (int) size, (byte) 0);
        }
        return matching(type.getColorModel(), model, new DataBufferByte(decoded, (int) size), imageType);
    }

    /**
     * A black {@code width × height} image of {@code imageType} ({@link BufferedImage#TYPE_INT_RGB}
     * or {@link BufferedImage#TYPE_BYTE_GRAY}) over the array of {@code slot}; a new image when the
     * array would be too large.
     */
    BufferedImage blank(int width, int height, int imageType, int slot) {
        long pixels = (long) width * height;
        if (pixels * 4 > MAX_ARRAY_BYTES
                || (imageType != BufferedImage.TYPE_INT_RGB && imageType != BufferedImage.TYPE_BYTE_GRAY)) {
            return new BufferedImage(width, height, imageType);
        }
        int size = (int) pixels;
        ColorModel colorModel = ColorModels.of(imageType);
        SampleModel model = colorModel.createCompatibleSampleModel(width, height);
        DataBuffer buffer;
        if (imageType == BufferedImage.TYPE_INT_RGB) {
            if (ints[slot] == null || ints[slot].length < size) {
                ints[slot] = new int[size];
            } else {
                Arrays.fill(ints[slot], 0, size, 0);
            }
            buffer = new DataBufferInt(ints[slot], size);
        } else {
            if (bytes[slot] == null || bytes[slot].length < size) {
                bytes[slot] = new byte[size];
            } else {
                Arrays.fill(bytes[slot], 0, size, (byte) 0);
            }
            buffer = new DataBufferByte(bytes[slot], size);
        }
        BufferedImage image = matching(colorModel, model, buffer, imageType);
        return image != null ? image : new BufferedImage(width, height, imageType);
    }

    /** The image over {@code buffer}, or null if Java2D would not see it as {@code imageType} (its fast paths). */
    private static BufferedImage matching(ColorModel colorModel, SampleModel model, DataBuffer buffer, int imageType) {
        BufferedImage image = new BufferedImage(colorModel, Raster.createWritableRaster(model, buffer, null), false,
                null);
        return image.getType() == imageType ? image : null;
    }

    /** The colour models of the two image types made here, as Java2D makes them for new images. */
    private static final class ColorModels {

        private static final ColorModel RGB = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getColorModel();
        private static final ColorModel GREY = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).getColorModel();

        static ColorModel of(int imageType) {
            return imageType == BufferedImage.TYPE_INT_RGB ? RGB : GREY;
        }
    }
}
