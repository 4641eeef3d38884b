package dev.macula.api.dicom;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A DICOM Part 10 file opened for reading: the header is parsed on {@link #open}, frames are
 * decoded one at a time on request, so a 256-frame OCT volume never sits in memory whole.
 * Not thread-safe; close it when done.
 */
public interface DicomImage extends AutoCloseable {

    /**
     * Opens and parses a Part 10 file (preamble + "DICM", group 0002, then the data set up to the
     * pixel data). No allocation larger than the file itself is made whatever the file declares.
     *
     * @throws DicomException for a file that is not DICOM, truncated, lying about lengths, or uses a
     *         transfer syntax this reader refuses (big endian: retired; JPEG-LS: no decoder)
     */
    static DicomImage open(Path file) throws DicomException {
        return DicomFile.open(file);
    }

    /**
     * Reads only the header, also of files whose pixels are refused (JPEG-LS, unsupported photometric
     * interpretations), as long as the data set itself can be parsed.
     *
     * @throws DicomException for a file that is not DICOM, truncated, or in an unreadable encoding
     */
    static DicomHeader readHeader(Path file) throws DicomException {
        return DicomFile.readHeader(file);
    }

    DicomHeader header();

    /** Number of frames (NumberOfFrames, 1 when absent). */
    int frames();

    int rows();

    int columns();

    /** Decodes one frame (0-based) to stored values. */
    DicomFrame frame(int index) throws DicomException;

    /**
     * Decodes one frame, into {@code reuse} where the decoder can and the array has the frame's
     * length (rows × columns × samples): a caller that walks all 256 frames of a volume then makes
     * one array instead of 256. The returned frame's values may be {@code reuse}, so they are valid
     * until the array is used again.
     */
    DicomFrame frame(int index, int[] reuse) throws DicomException;

    /**
     * One frame for display: TYPE_BYTE_GRAY or TYPE_INT_RGB. Grey: rescale slope/intercept, then
     * the first WindowCenter/Width if present, else min–max of the frame, to 0–255; MONOCHROME1 is
     * inverted. Colour: 8-bit RGB (higher bit depths scaled down).
     */
    BufferedImage display(int index) throws DicomException;

    @Override
    void close();
}
