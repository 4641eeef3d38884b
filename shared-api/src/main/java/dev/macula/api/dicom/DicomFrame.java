package dev.macula.api.dicom;

/**
 * One decoded frame: the stored values after decompression, {@code rows × columns × samples}
 * values, pixel-interleaved (R,G,B,R,G,B… for colour, whatever the file's planar configuration),
 * rows top to bottom. Colour frames are RGB: YBR_FULL and YBR_FULL_422 are converted (as dcmtk's
 * {@code dcm2pnm} does). Grey values are the stored values (sign-extended when PixelRepresentation
 * = 1), before rescale and windowing.
 */
public record DicomFrame(int rows, int columns, int samples, int bitsStored, boolean signed, int[] values) {

    public int value(int row, int column, int sample) {
        return values[(row * columns + column) * samples + sample];
    }
}
