package dev.macula.api.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [png_series_N]<path>} pseudo dataset identifier (docs/api.md §5.4): a volume stored as
 * N PNG files {@code <dir of path>/<stem of path>_<i>.png}, i = 0..N−1. The identifier names no
 * file itself; only its frames exist on disk. Parsing checks the shape only; whether the frames lie
 * inside the images root and exist is the caller's business (with {@code SafePaths}).
 *
 * @param frames N, at least 1
 * @param path   the text after the prefix, as given (relative or absolute, not normalised)
 */
public record PngSeries(int frames, String path) {

    /** Upper bound on N: a guard against absurd identifiers (OCT volumes have a few hundred B-scans). */
    public static final int MAX_FRAMES = 100_000;

    private static final Pattern IDENTIFIER = Pattern.compile("\\[png_series_(\\d{1,6})](.+)", Pattern.DOTALL);

    public PngSeries {
        if (frames < 1 || frames > MAX_FRAMES) {
            throw new IllegalArgumentException("frames must be 1.." + MAX_FRAMES + ": " + frames);
        }
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
    }

    /**
     * The series an identifier names, or empty when the text is not of the form
     * {@code [png_series_N]<path>} with 1 ≤ N ≤ {@link #MAX_FRAMES} and a non-empty path.
     */
    public static Optional<PngSeries> parse(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        Matcher m = IDENTIFIER.matcher(identifier);
        if (!m.matches()) {
            return Optional.empty();
        }
        int frames = Integer.parseInt(m.group(1));
        return frames < 1 || frames > MAX_FRAMES ? Optional.empty() : Optional.of(new PngSeries(frames, m.group(2)));
    }

    /** {@code [png_series_N]<path>}. */
    public String identifier() {
        return "[png_series_" + frames + "]" + path;
    }

    /** Path text of frame {@code i}: {@code <dir of path>/<stem of path>_<i>.png} ('/' separators). */
    public String frame(int i) {
        if (i < 0 || i >= frames) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frames);
        }
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        // Python's Path.stem: the last suffix goes, unless the name is only a suffix (".png" keeps itself)
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return dir + stem + "_" + i + ".png";
    }

    /** Path texts of all frames, in order. */
    public List<String> frameNames() {
        List<String> names = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            names.add(frame(i));
        }
        return names;
    }
}
