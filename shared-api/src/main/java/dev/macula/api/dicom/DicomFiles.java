package dev.macula.api.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Which files are DICOM, and their header for callers that only want the header. A file is DICOM
 * when its name ends in {@code .dcm} or when it carries the Part 10 marker ({@code "DICM"} after the
 * 128-byte preamble): devices often export files without an extension ({@code IM000001}).
 */
public final class DicomFiles {

    private static final int MARKER_OFFSET = 128;
    private static final byte[] MARKER = "DICM".getBytes(StandardCharsets.US_ASCII);

    private DicomFiles() {
    }

    public static boolean isDicom(Path file) {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".dcm")) {
            return true;
        }
        return hasMarker(file);
    }

    /**
     * The header of a DICOM file — also of one whose pixels this reader refuses (JPEG-LS) — or empty
     * when the file is not DICOM or its header cannot be read (then the caller goes on with what it
     * was told, as for any other file).
     */
    public static Optional<DicomHeader> header(Path file) {
        if (!isDicom(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DicomImage.readHeader(file));
        } catch (DicomException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean hasMarker(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer marker = ByteBuffer.allocate(MARKER.length);
            while (marker.hasRemaining()) {
                if (channel.read(marker, MARKER_OFFSET + marker.position()) < 0) {
                    return false;
                }
            }
            return ByteBuffer.wrap(MARKER).equals(marker.flip());
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
