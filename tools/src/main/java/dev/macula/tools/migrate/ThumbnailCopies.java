package dev.macula.tools.migrate;

import dev.macula.api.common.SafePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The original's thumbnails ({@code --thumbnails PATH}: its THUMBNAILS_PATH), carried instead of
 * rendered again: for an image whose ThumbnailPath names both files ({@code <path>_144.jpg},
 * {@code _540.jpg}, docs/api.md §5.4) they are copied into the platform's thumbnail folder under
 * the same name, so the viewer's thumbnail URLs and the image's {@code thumbnail_path} stay as they
 * were. Paths are resolved inside their roots: a row cannot make the migration read or write
 * elsewhere.
 */
final class ThumbnailCopies {

    private static final List<String> SIZES = List.of("_144.jpg", "_540.jpg");

    private final Path original;
    private final Path platform;

    /** {@code original}: null when no --thumbnails was given (nothing is carried). */
    ThumbnailCopies(Path original, Path platform) {
        this.original = original;
        this.platform = platform;
    }

    /** The identifier to record when both files were found and are now in the platform's folder. */
    Optional<String> carry(String thumbnailPath) {
        if (original == null || thumbnailPath == null || thumbnailPath.isBlank()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(platform);
            for (String size : SIZES) {
                Optional<Path> from = SafePaths.resolveInside(original, thumbnailPath + size);
                Optional<Path> relative = SafePaths.relativeInside(platform, thumbnailPath + size);
                if (from.isEmpty() || relative.isEmpty()) {
                    return Optional.empty();
                }
                Path to = platform.resolve(relative.get());
                if (!Files.exists(to) || !Files.isSameFile(from.get(), to)) { // the platform may use the original folder
                    Files.createDirectories(to.getParent());
                    Files.copy(from.get(), to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return Optional.of(thumbnailPath);
        } catch (IOException e) {
            throw new UncheckedIOException("copying the thumbnails of " + thumbnailPath + " failed", e);
        }
    }
}
