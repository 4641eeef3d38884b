package dev.macula.command.imaging;

import dev.macula.api.common.SafePaths;
import dev.macula.api.imaging.PngSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an imported image lives (docs/api.md §5.3 step 6): its {@code DatasetIdentifier} and its
 * file, or for a {@code [png_series_N]<path>} volume (docs/api.md §5.4) the pseudo identifier with
 * the normalised relative path and the first of its N frame files, every one of which must exist
 * inside the images root.
 *
 * @param datasetIdentifier the path relative to the root ('/' separators), or {@code [png_series_N]<that>}
 * @param file              the image file, or frame 0 of a series
 * @param series            the series, or null for a plain file
 */
record ImageLocation(String datasetIdentifier, Path file, PngSeries series) {

    /**
     * Resolves the {@code image} text of an import request.
     *
     * @throws ImportFailure for URLs, paths outside the root, missing files (for a series: the first
     *                       missing frame is named) and malformed series identifiers
     */
    static ImageLocation resolve(Path imagesRoot, String image) {
        if (image.startsWith("http")) {
            throw new ImportFailure("Importing from URLs is not supported: " + image);
        }
        if (!image.startsWith("[png_series_")) {
            Path relative = relativeInside(imagesRoot, image, image);
            return new ImageLocation(SafePaths.posix(relative), existing(imagesRoot, relative, image), null);
        }
        PngSeries given = PngSeries.parse(image).orElseThrow(() -> new ImportFailure(
                "Malformed png series identifier (expected [png_series_N]<path> with N from 1 to "
                        + PngSeries.MAX_FRAMES + "): " + image));
        PngSeries series = new PngSeries(given.frames(), SafePaths.posix(relativeInside(imagesRoot, given.path(), image)));
        Path first = null;
        for (String frame : series.frameNames()) {
            Path file = existing(imagesRoot, relativeInside(imagesRoot, frame, frame), frame);
            first = first == null ? file : first;
        }
        return new ImageLocation(series.identifier(), first, series);
    }

    /** Rows and columns from the file (frame 0 of a series), the frame count from the file or N. */
    Optional<ImageProbe.Dimensions> probe() {
        Optional<ImageProbe.Dimensions> probed = ImageProbe.probe(file);
        return series == null ? probed
                : probed.map(d -> new ImageProbe.Dimensions(d.rows(), d.columns(), series.frames()));
    }

    private static Path relativeInside(Path imagesRoot, String path, String shown) {
        return SafePaths.relativeInside(imagesRoot, path)
                .orElseThrow(() -> new ImportFailure("Image path is outside the images root: " + shown));
    }

    private static Path existing(Path imagesRoot, Path relative, String shown) {
        Path file = imagesRoot.toAbsolutePath().normalize().resolve(relative.toString()).normalize();
        if (!Files.isRegularFile(file) || SafePaths.resolveInside(imagesRoot, SafePaths.posix(relative)).isEmpty()) {
            throw new ImportFailure("File does not exist: " + shown);
        }
        return file;
    }
}
