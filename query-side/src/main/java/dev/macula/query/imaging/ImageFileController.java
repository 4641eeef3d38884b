package dev.macula.query.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.SafePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/instances/images/{path}} and {@code GET /api/instances/thumbnails/{path}}
 * (contract §3.2): the file below the images or thumbnails root, streamed directly instead of the
 * original's {@code X-Accel-Redirect}. The caller must hold a valid access token (§2.5 with the
 * §9.2 fix; the security filter enforces it). Paths escaping the root, symbolic links leading out
 * of it, directories and missing files are all the same 404, and the rejected text is not logged.
 *
 * <p>Spring MVC does the HTTP mechanics for a {@link Resource} body: {@code Accept-Ranges}, 206 for
 * a satisfiable {@code Range}, 416 otherwise, and 304 for a matching {@code If-None-Match} or
 * {@code If-Modified-Since} against the {@code ETag} and {@code Last-Modified} set here.
 */
@RestController
class ImageFileController {

    private static final Logger log = LoggerFactory.getLogger(ImageFileController.class);
    private static final MediaType DICOM = MediaType.parseMediaType("application/dicom");
    private static final Map<String, MediaType> TYPES = Map.of(
            "png", MediaType.IMAGE_PNG,
            "jpg", MediaType.IMAGE_JPEG,
            "jpeg", MediaType.IMAGE_JPEG,
            "tif", MediaType.parseMediaType("image/tiff"),
            "tiff", MediaType.parseMediaType("image/tiff"),
            "bmp", MediaType.parseMediaType("image/bmp"),
            "dcm", DICOM);

    private final Path imagesRoot;
    private final Path thumbnailsRoot;

    ImageFileController(@Value("${macula.images-basepath}") Path imagesRoot,
                        @Value("${macula.thumbnails-path}") Path thumbnailsRoot) {
        this.imagesRoot = imagesRoot;
        this.thumbnailsRoot = thumbnailsRoot;
    }

    @GetMapping("/api/instances/images/{*path}")
    ResponseEntity<Resource> image(@PathVariable("path") String path) {
        return serve(imagesRoot, "images", path);
    }

    @GetMapping("/api/instances/thumbnails/{*path}")
    ResponseEntity<Resource> thumbnail(@PathVariable("path") String path) {
        return serve(thumbnailsRoot, "thumbnails", path);
    }

    private static ResponseEntity<Resource> serve(Path root, String kind, String captured) {
        // {*path} keeps the separator before the captured rest: "/a/b.png" for ".../images/a/b.png"
        String relative = captured != null && captured.startsWith("/") ? captured.substring(1) : captured;
        Path file = SafePaths.resolveInside(root, relative).orElseThrow(() -> refused(kind));
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw refused(kind);
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        return ResponseEntity.ok()
                .contentType(contentType(file))
                .eTag("\"" + Long.toHexString(modified) + "-" + Long.toHexString(size) + "\"")
                .lastModified(modified)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(new FileSystemResource(file));
    }

    static MediaType contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM);
    }

    private static ApiException refused(String kind) {
        log.debug("File request under the {} root refused or not found", kind);
        return ApiException.notFound("Not Found");
    }
}
