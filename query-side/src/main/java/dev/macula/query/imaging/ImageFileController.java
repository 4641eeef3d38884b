package dev.macula.query.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.SafePaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/instances/images/{dataset_identifier}} and
 * {@code GET /api/instances/thumbnails/{thumbnail_identifier}}
 * (docs/api.md §3.2): the file below the images or thumbnails root, streamed directly instead of the
 * original's {@code X-Accel-Redirect}. The caller must hold a valid access token (docs/api.md §2.5 with the
 * docs/api.md §9.2 fix; the security filter enforces it). Paths escaping the root, symbolic links leading out
 * of it, directories and missing files are all the same 404, and the rejected text is not logged.
 *
 * <p>The HTTP mechanics follow RFC 9110 as nginx applies them, and are done here rather than by
 * Spring's automatic {@code Resource} handling, which sends the whole file with a 416, ignores
 * {@code If-Range} and {@code If-Match}: a strong {@code ETag} from modification time and size,
 * {@code Last-Modified}, 412 / 304 for the preconditions, 206 for one satisfiable byte range, 416
 * (empty) when no requested range is satisfiable, and the whole file (200) for a range header it
 * does not understand or for several ranges.
 */
@RestController
class ImageFileController {

    private static final Logger log = LoggerFactory.getLogger(ImageFileController.class);
    private static final Map<String, String> TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "tif", "image/tiff",
            "tiff", "image/tiff",
            "bmp", "image/bmp",
            "dcm", "application/dicom");
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final int MAX_RANGES = 64;

    private final Path imagesRoot;
    private final Path thumbnailsRoot;

    ImageFileController(@Value("${macula.images-basepath}") Path imagesRoot,
                        @Value("${macula.thumbnails-path}") Path thumbnailsRoot) {
        this.imagesRoot = imagesRoot;
        this.thumbnailsRoot = thumbnailsRoot;
    }

    @GetMapping("/api/instances/images/{*dataset_identifier}")
    void image(@PathVariable("dataset_identifier") String path, HttpServletRequest request,
               HttpServletResponse response) throws IOException {
        serve(imagesRoot, "images", path, request, response);
    }

    @GetMapping("/api/instances/thumbnails/{*thumbnail_identifier}")
    void thumbnail(@PathVariable("thumbnail_identifier") String path, HttpServletRequest request,
                   HttpServletResponse response) throws IOException {
        serve(thumbnailsRoot, "thumbnails", path, request, response);
    }

    private static void serve(Path root, String kind, String captured, HttpServletRequest request,
                              HttpServletResponse response) throws IOException {
        // the catch-all keeps the separator before the captured rest: "/a/b.png" for ".../images/a/b.png"
        String relative = captured != null && captured.startsWith("/") ? captured.substring(1) : captured;
        Path file = SafePaths.resolveInside(root, relative).orElseThrow(() -> refused(kind));
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw refused(kind);
        }
        try (channel) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            send(file, channel, attributes, request, response);
        }
    }

    private static void send(Path file, FileChannel channel, BasicFileAttributes attributes,
                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        long length = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis() / 1000 * 1000; // HTTP dates have seconds
        String etag = "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "-"
                + Long.toHexString(length) + "\"";

        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, modified);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache"); // revalidate, so the token is checked
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");

        if (preconditionFailed(request, etag, modified)) {
            response.setStatus(HttpServletResponse.SC_PRECONDITION_FAILED);
            return;
        }
        if (notModified(request, etag, modified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long[] range = range(request, etag, modified, length);
        if (range == UNSATISFIABLE) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
            response.setContentLength(0);
            return;
        }
        long start = 0;
        long count = length;
        if (range != null) {
            start = range[0];
            count = range[1] - range[0] + 1;
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + length);
        }
        response.setContentType(contentType(file));
        response.setContentLengthLong(count);
        if (!"HEAD".equals(request.getMethod())) {
            copy(channel, start, count, response);
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, OCTET_STREAM);
    }

    /** Streams {@code count} bytes from {@code start}; a client that goes away is not an error. */
    private static void copy(FileChannel channel, long start, long count, HttpServletResponse response)
            throws IOException {
        try {
            OutputStream out = response.getOutputStream();
            WritableByteChannel target = Channels.newChannel(out);
            long position = start;
            long remaining = count;
            while (remaining > 0) {
                long sent = channel.transferTo(position, remaining, target);
                if (sent <= 0) {
                    break; // the file shrank meanwhile; the short body tells the client
                }
                position += sent;
                remaining -= sent;
            }
            out.flush();
        } catch (IOException e) {
            if (!response.isCommitted()) {
                throw e;
            }
            log.debug("File transfer ended early: {}", e.getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- conditional requests (RFC 9110 §13)

    private static boolean preconditionFailed(HttpServletRequest request, String etag, long modified) {
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null) {
            return !matches(ifMatch, etag, true);
        }
        long since = date(request, HttpHeaders.IF_UNMODIFIED_SINCE);
        return since >= 0 && modified > since;
    }

    private static boolean notModified(HttpServletRequest request, String etag, long modified) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag, false);
        }
        long since = date(request, HttpHeaders.IF_MODIFIED_SINCE);
        return since >= 0 && modified <= since;
    }

    /** Whether the list of entity tags (or {@code *}) matches; strong comparison refuses weak tags. */
    private static boolean matches(String header, String etag, boolean strong) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                if (strong) {
                    continue;
                }
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The header as epoch milliseconds, or -1 when absent or not a valid HTTP date. */
    private static long date(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- byte ranges (RFC 9110 §14)

    private static final long[] UNSATISFIABLE = new long[0];

    /**
     * The one byte range to send as {@code {first, last}}, {@link #UNSATISFIABLE}, or null for the
     * whole file (no or ignored {@code Range}, failed {@code If-Range}, several satisfiable ranges).
     */
    private static long[] range(HttpServletRequest request, String etag, long modified, long length) {
        String header = request.getHeader(HttpHeaders.RANGE);
        if (header == null || length == 0 || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRangeHolds(request, ifRange.trim(), etag, modified)) {
            return null;
        }
        String[] specs = header.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return null;
        }
        long[] chosen = null;
        int satisfiable = 0;
        for (String spec : specs) {
            long[] range = parse(spec.trim(), length);
            if (range == null) {
                return null; // malformed: ignore the whole header
            }
            if (range != UNSATISFIABLE) {
                satisfiable++;
                chosen = range;
            }
        }
        if (satisfiable == 0) {
            return UNSATISFIABLE;
        }
        return satisfiable == 1 ? chosen : null;
    }

    private static boolean ifRangeHolds(HttpServletRequest request, String ifRange, String etag, long modified) {
        if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
            return ifRange.equals(etag); // strong comparison: a weak tag never matches
        }
        long date = date(request, HttpHeaders.IF_RANGE);
        return date >= 0 && date == modified;
    }

    /** One range-spec as {@code {first, last}}, {@link #UNSATISFIABLE}, or null when malformed. */
    private static long[] parse(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (first.isEmpty()) {
            long suffix = digits(last);
            if (suffix < 0) {
                return null;
            }
            return suffix == 0 ? UNSATISFIABLE : new long[] {Math.max(0, length - suffix), length - 1};
        }
        long from = digits(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : digits(last);
        if (from < 0 || to < 0 || to < from) {
            return null;
        }
        return from >= length ? UNSATISFIABLE : new long[] {from, Math.min(to, length - 1)};
    }

    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text); // longer than any file
    }

    private static ApiException refused(String kind) {
        log.debug("File request under the {} root refused or not found", kind);
        return ApiException.notFound("Not Found");
    }
}
