package dev.macula.infra.web;

import dev.macula.infra.config.MaculaProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Serves a built web client from {@code MACULA_WEB_ROOT} with the single-page fallback of contract
 * docs/api.md §0.1: an existing regular file inside the root, otherwise {@code index.html}. Paths are resolved
 * inside the root, also after following links. Without a web root, such paths are 404.
 */
@RestController
class WebClientController {

    private final Path root;

    WebClientController(MaculaProperties properties) throws IOException {
        String configured = properties.webRoot();
        this.root = configured == null || configured.isBlank() ? null : Path.of(configured).toRealPath();
    }

    /** Swagger UI's files ({@code /swagger-ui/…}) are served by springdoc's resource handler, after this mapping. */
    @GetMapping({"/", "/{first:^(?!api$|actuator$|health$).*}", "/{first:^(?!api$|actuator$|swagger-ui$).*}/**"})
    ResponseEntity<Resource> serve(HttpServletRequest request) throws IOException, NoResourceFoundException {
        if (root == null) {
            throw new NoResourceFoundException(HttpMethod.GET, request.getRequestURI());
        }
        Path file = resolve(request.getRequestURI());
        if (file == null) {
            file = root.resolve("index.html");
            if (!Files.isRegularFile(file)) {
                throw new NoResourceFoundException(HttpMethod.GET, request.getRequestURI());
            }
        }
        MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString())
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok().contentType(type).body(new FileSystemResource(file));
    }

    private Path resolve(String uri) throws IOException {
        String relative = uri.startsWith("/") ? uri.substring(1) : uri;
        if (relative.isEmpty() || relative.contains("\0")) {
            return null;
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(candidate)) {
            return null;
        }
        Path real = candidate.toRealPath();
        return real.startsWith(root) && Files.isRegularFile(real) ? real : null;
    }
}
