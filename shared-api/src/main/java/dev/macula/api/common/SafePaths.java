package dev.macula.api.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Paths that come from a request or an import file, confined to a root directory (docs/architecture.md, Imaging,
 * docs/api.md §9.2 item 2). Anything suspicious is refused with an empty result, never with an
 * exception or a message naming the path: callers answer 404 and must not log the rejected text.
 *
 * <p>Refused outright: null or empty text, NUL, backslashes, {@code ..} segments and absolute paths
 * (where not explicitly allowed). What remains is resolved against the root and checked lexically;
 * when it exists, its real path (all symbolic links followed) must also lie inside the root's real
 * path, so a link inside the root that points elsewhere is refused as well.
 */
public final class SafePaths {

    private SafePaths() {
    }

    /**
     * The real path of an existing regular file that {@code relative} names below {@code root}, or
     * empty for anything that escapes the root, is not a regular file, or does not exist.
     */
    public static Optional<Path> resolveInside(Path root, String relative) {
        if (root == null || !plausible(relative) || relative.startsWith("/") || hasDotDot(relative)) {
            return Optional.empty();
        }
        try {
            Path relativePath = root.getFileSystem().getPath(relative);
            if (relativePath.isAbsolute() || relativePath.getRoot() != null) {
                return Optional.empty();
            }
            Path realRoot = root.toRealPath();
            Path candidate = realRoot.resolve(relativePath).normalize();
            if (!candidate.startsWith(realRoot) || candidate.equals(realRoot)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realRoot) || real.equals(realRoot)
                    || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The normalised path of {@code pathOrAbsolute} relative to {@code root}: an absolute path is
     * accepted when it lies inside the root (as configured or as its real path) and made relative, a
     * relative one is taken as relative to the root. Empty for anything escaping the root, for the
     * root itself, and for an existing path whose real location (links followed) is outside the
     * root's real path. Existence is not required; the caller checks it. Use {@link #posix(Path)}
     * for the text form with {@code /} separators.
     */
    public static Optional<Path> relativeInside(Path root, String pathOrAbsolute) {
        if (root == null || !plausible(pathOrAbsolute) || hasDotDot(pathOrAbsolute)) {
            return Optional.empty();
        }
        try {
            Path given = root.getFileSystem().getPath(pathOrAbsolute);
            Path relative;
            if (given.isAbsolute()) {
                relative = relativize(root, given.normalize());
                if (relative == null) {
                    return Optional.empty();
                }
            } else if (given.getRoot() != null) {
                return Optional.empty();
            } else {
                relative = given.normalize();
            }
            if (relative.toString().isEmpty() || relative.isAbsolute() || hasDotDot(relative)) {
                return Optional.empty();
            }
            Path lexical = root.toAbsolutePath().normalize().resolve(relative).normalize();
            if (Files.exists(lexical)) {
                Path realRoot = root.toRealPath();
                Path real = lexical.toRealPath();
                if (!real.startsWith(realRoot) || real.equals(realRoot)) {
                    return Optional.empty();
                }
            }
            return Optional.of(relative);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The name elements of a relative path joined with {@code /}, whatever the platform's separator. */
    public static String posix(Path relative) {
        StringJoiner joined = new StringJoiner("/");
        for (Path element : relative) {
            joined.add(element.toString());
        }
        return joined.toString();
    }

    /** {@code absolute} relative to the root as configured, else to its real path; null if outside both. */
    private static Path relativize(Path root, Path absolute) throws IOException {
        Path configured = root.toAbsolutePath().normalize();
        if (absolute.startsWith(configured)) {
            return configured.relativize(absolute);
        }
        if (Files.exists(root)) {
            Path realRoot = root.toRealPath();
            if (absolute.startsWith(realRoot)) {
                return realRoot.relativize(absolute);
            }
        }
        return null;
    }

    private static boolean plausible(String text) {
        return text != null && !text.isEmpty() && text.indexOf('\0') < 0 && text.indexOf('\\') < 0;
    }

    private static boolean hasDotDot(String text) {
        for (String segment : text.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDotDot(Path path) {
        for (Path element : path) {
            if (element.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }
}
