package dev.macula.command.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the pixel dimensions of an image file from its header, for filling {@code Rows_y},
 * {@code Columns_x} and {@code NrOfFrames} when the importer was not given them (docs/api.md §5.2,
 * spec fix 49).
 *
 * <p>Understood: PNG, JPEG, TIFF and BMP through ImageIO (with the TwelveMonkeys plugins on the
 * class path). Only the header is read: {@link ImageReader#getWidth(int)} and
 * {@link ImageReader#getHeight(int)} of the first image; for TIFF the page count
 * ({@code getNumImages(true)}, which walks the IFD chain but decodes no pixels) becomes the frame
 * count, so a multi-page TIFF volume reports {@code frames = pages}. Every other format reports
 * one frame.
 *
 * <p>Not understood, giving {@link Optional#empty()}: {@code *.json} (no pixels), {@code *.binary}
 * (raw voxels without a header — the shape must come from the import properties), {@code *.dcm}
 * (the importer reads a DICOM file's dimensions from its header, {@link FileHeader}), other formats ImageIO may know (GIF, ICO, …), missing, unreadable
 * or corrupt files. {@link #probe(Path)} never throws for a bad file.
 */
public final class ImageProbe {

    /** Image dimensions: {@code rows} = height ({@code Rows_y}), {@code columns} = width ({@code Columns_x}). */
    public record Dimensions(int rows, int columns, int frames) {
    }

    /** ImageIO format names (lower case) accepted by the probe. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "jpg", "tiff", "tif", "bmp");

    /** Extensions that are never probed: no pixel data or no reader for them. */
    private static final Set<String> SKIPPED_EXTENSIONS = Set.of("json", "binary", "dcm");

    private ImageProbe() {
    }

    /**
     * Reads the dimensions of {@code file} from its header.
     *
     * @return the dimensions, or empty for an unsupported, unreadable or corrupt file
     */
    public static Optional<Dimensions> probe(Path file) {
        if (file == null || SKIPPED_EXTENSIONS.contains(extension(file)) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    Optional<Dimensions> dimensions = read(reader, in);
                    if (dimensions.isPresent()) {
                        return dimensions;
                    }
                } catch (IOException | RuntimeException badFile) {
                    // this reader cannot make sense of the file; try the next one
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall through: unreadable
        }
        return Optional.empty();
    }

    private static Optional<Dimensions> read(ImageReader reader, ImageInputStream in) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            return Optional.empty();
        }
        in.seek(0);
        reader.setInput(in, false, true);
        int columns = reader.getWidth(0);
        int rows = reader.getHeight(0);
        if (rows <= 0 || columns <= 0) {
            return Optional.empty();
        }
        int frames = 1;
        if (format.startsWith("tif")) {
            frames = reader.getNumImages(true);
            if (frames < 1) {
                return Optional.empty();
            }
        }
        return Optional.of(new Dimensions(rows, columns, frames));
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
