package dev.macula.api.dicom;

/**
 * How the pixels of every frame are laid out (the Image Pixel module), validated at open so that
 * decoding can trust it: sizes are checked against the file before any frame is allocated.
 */
record PixelLayout(int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed,
        String photometric, boolean planar, int frames) {

    static final String MONOCHROME1 = "MONOCHROME1";
    static final String MONOCHROME2 = "MONOCHROME2";
    static final String RGB = "RGB";
    static final String YBR_FULL = "YBR_FULL";
    static final String YBR_FULL_422 = "YBR_FULL_422";

    static PixelLayout of(Attributes data) throws DicomException {
        Integer rows = data.unsignedShort(Tags.ROWS);
        Integer columns = data.unsignedShort(Tags.COLUMNS);
        if (rows == null || columns == null || rows == 0 || columns == 0) {
            throw new DicomException("the image has no rows or columns");
        }
        int samples = orDefault(data.unsignedShort(Tags.SAMPLES_PER_PIXEL), 1);
        int bitsAllocated = orDefault(data.unsignedShort(Tags.BITS_ALLOCATED), 0);
        int bitsStored = orDefault(data.unsignedShort(Tags.BITS_STORED), bitsAllocated);
        String photometric = data.string(Tags.PHOTOMETRIC_INTERPRETATION);
        if (photometric == null) {
            photometric = samples == 1 ? MONOCHROME2 : RGB;
        }
        Integer frameCount = data.integer(Tags.NUMBER_OF_FRAMES);
        int frames = frameCount == null ? 1 : frameCount;
        if (frames < 1) {
            throw new DicomException("NumberOfFrames is " + frames);
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new DicomException("BitsAllocated " + bitsAllocated + " is not supported (only 8 and 16)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new DicomException("BitsStored " + bitsStored + " does not fit BitsAllocated " + bitsAllocated);
        }
        if (photometric.equals("PALETTE COLOR")) {
            throw new DicomException("PALETTE COLOR images are not supported");
        }
        boolean grey = photometric.equals(MONOCHROME1) || photometric.equals(MONOCHROME2);
        boolean colour = photometric.equals(RGB) || photometric.startsWith("YBR_");
        if (!(grey && samples == 1) && !(colour && samples == 3)) {
            throw new DicomException("photometric interpretation " + photometric + " with " + samples
                    + " samples per pixel is not supported");
        }
        return new PixelLayout(rows, columns, samples, bitsAllocated, bitsStored,
                orDefault(data.unsignedShort(Tags.PIXEL_REPRESENTATION), 0) == 1, photometric,
                orDefault(data.unsignedShort(Tags.PLANAR_CONFIGURATION), 0) == 1, frames);
    }

    boolean grey() {
        return samples == 1;
    }

    int values() {
        return rows * columns * samples;
    }

    /** Bytes of one native (uncompressed) frame; YBR_FULL_422 stores two chroma samples per two pixels. */
    long nativeFrameBytes() {
        long pixels = (long) rows * columns;
        long samplesStored = photometric.equals(YBR_FULL_422) ? pixels * 2 : pixels * samples;
        return samplesStored * (bitsAllocated / 8);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
