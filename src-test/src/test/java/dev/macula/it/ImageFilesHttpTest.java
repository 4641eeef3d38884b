package dev.macula.it;

import dev.macula.infra.security.JwtService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/instances/images/…} and {@code GET /api/instances/thumbnails/…} (docs/api.md §3.2,
 * docs/api.md §2.5 with the docs/api.md §9.2 fixes): files are streamed from the two roots to authenticated callers only,
 * with ranges and revalidation, and nothing outside the roots is ever served.
 */
class ImageFilesHttpTest extends HttpTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET_TEXT = "top-secret-" + RUN + "-do-not-serve";

    private static String folder;
    private static byte[] png;
    private static byte[] jpeg;
    private static Path secret;

    @BeforeAll
    static void files() throws IOException {
        folder = unique("study");
        png = encode(new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "png");
        jpeg = encode(new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB), "jpg");
        Files.createDirectories(IMAGES_ROOT.resolve(folder));
        Files.write(IMAGES_ROOT.resolve(folder + "/image.png"), png);
        Files.createDirectories(THUMBNAILS_ROOT.resolve(folder));
        Files.write(THUMBNAILS_ROOT.resolve(folder + "/thumb_144.jpg"), jpeg);

        // next to the images root, so "../<name>" from the root names it
        secret = Files.writeString(IMAGES_ROOT.getParent().resolve(folder + "-secret.txt"), SECRET_TEXT);
        secret.toFile().deleteOnExit();
        Files.createSymbolicLink(IMAGES_ROOT.resolve(folder + "/leak.png"), secret);
        Files.createSymbolicLink(IMAGES_ROOT.resolve(folder + "/outside"), IMAGES_ROOT.getParent());
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                image.setRGB(x, y, (x * 40) << 16 | (y * 50) << 8 | 0x33);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, bytes)).isTrue();
        return bytes.toByteArray();
    }

    private String imagePath() {
        return "/api/instances/images/" + folder + "/image.png";
    }

    private String thumbnailPath() {
        return "/api/instances/thumbnails/" + folder + "/thumb_144.jpg";
    }

    // ---------------------------------------------------------------- access

    @Test
    void bearerTokenGetsTheImageWithItsTypeAndValidators() {
        Raw response = get(imagePath(), Map.of("Authorization", "Bearer " + bearer()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.header("ETag")).isNotBlank();
        assertThat(response.header("Last-Modified")).isNotBlank();
        assertThat(response.header("Cache-Control")).isEqualTo("private, no-cache");
    }

    @Test
    void cookieGetsTheThumbnailFromASubFolder() {
        Raw response = get(thumbnailPath(), Map.of("Cookie", "jwt_token=" + bearer()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(jpeg);
        assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
    }

    @Test
    void contentTypeFollowsTheExtension() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a.tif", "image/tiff");
        expected.put("a.TIFF", "image/tiff");
        expected.put("a.bmp", "image/bmp");
        expected.put("a.jpeg", "image/jpeg");
        expected.put("a.dcm", "application/dicom");
        expected.put("a.npy", "application/octet-stream");
        expected.put("noextension", "application/octet-stream");
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            Files.writeString(IMAGES_ROOT.resolve(folder + "/" + entry.getKey()), "x");
            Raw response = get("/api/instances/images/" + folder + "/" + entry.getKey(),
                    Map.of("Authorization", "Bearer " + bearer()));
            assertThat(response.status()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void withoutCredentialsItIsAuthenticationRequired() {
        for (String path : new String[] {imagePath(), thumbnailPath()}) {
            Api.Response response = anonymous().get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.detail()).isEqualTo("Authentication required");
        }
    }

    @Test
    void invalidBearerIsInvalidToken() {
        for (String path : new String[] {imagePath(), thumbnailPath()}) {
            Api.Response response = anonymous().bearer("not-a-jwt").get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.detail()).isEqualTo("Invalid token");
        }
    }

    @Test
    void invalidCookieIsInvalidToken() {
        for (String path : new String[] {imagePath(), thumbnailPath()}) {
            Api.Response response = anonymous().cookie("jwt_token", "not-a-jwt").get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.detail()).isEqualTo("Invalid token");
        }
        // elsewhere a bad cookie is still silently ignored, and a bad bearer is still "Unauthorized"
        assertThat(anonymous().cookie("jwt_token", "not-a-jwt").get("/api/tags").detail())
                .isEqualTo("Authentication required");
        assertThat(anonymous().bearer("not-a-jwt").get("/api/tags").detail()).isEqualTo("Unauthorized");
    }

    @Test
    void expiredTokenIsInvalidTokenInHeaderAndCookie() {
        long adminId = admin().get("/api/auth/me").json().get("id").asLong();
        Clock anHourAgo = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        String expired = new JwtService(SECRET.getBytes(UTF_8), anHourAgo).accessToken(adminId, ADMIN, 1);

        Api.Response asBearer = anonymous().bearer(expired).get(imagePath());
        assertThat(asBearer.status()).as(asBearer.toString()).isEqualTo(401);
        assertThat(asBearer.detail()).isEqualTo("Invalid token");
        Api.Response asCookie = anonymous().cookie("jwt_token", expired).get(thumbnailPath());
        assertThat(asCookie.status()).as(asCookie.toString()).isEqualTo(401);
        assertThat(asCookie.detail()).isEqualTo("Invalid token");
    }

    @Test
    void validBearerWinsOverABadCookieAndARefreshTokenIsNoAccess() {
        Raw both = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "Cookie", "jwt_token=garbage"));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);

        String refresh = anonymous().post("/api/auth/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "api_client", true)).json()
                .get("refresh_token").asText();
        Api.Response asBearer = anonymous().bearer(refresh).get(imagePath());
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.detail()).isEqualTo("Authentication required");
    }

    // ---------------------------------------------------------------- HTTP mechanics

    @Test
    void rangeRequestGetsTheSlice() {
        Raw response = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "Range", "bytes=4-11"));
        assertThat(response.status()).as(response.toString()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(png, 4, 12));
        assertThat(response.header("Content-Range")).isEqualTo("bytes 4-11/" + png.length);
        assertThat(response.header("Content-Length")).isEqualTo("8");
        assertThat(response.header("Content-Type")).isEqualTo("image/png");

        Raw suffix = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "Range", "bytes=-3"));
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 3, png.length));
    }

    @Test
    void unsatisfiableRangeIs416WithoutTheFile() {
        for (String range : new String[] {"bytes=" + (png.length + 10) + "-" + (png.length + 20),
                "bytes=" + png.length + "-", "bytes=-0", "bytes=99999999999999999999999-"}) {
            Raw response = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "Range", range));
            assertThat(response.status()).as(range + " " + response).isEqualTo(416);
            assertThat(response.header("Content-Range")).isEqualTo("bytes */" + png.length);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void rangesItCannotUseGetTheWholeFile() {
        String etag = get(imagePath(), Map.of("Authorization", "Bearer " + bearer())).header("ETag");
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("malformed", Map.of("Range", "bytes=abc"));
        cases.put("backwards", Map.of("Range", "bytes=9-3"));
        cases.put("other unit", Map.of("Range", "items=0-1"));
        cases.put("several ranges", Map.of("Range", "bytes=0-1,5-6"));
        cases.put("stale If-Range tag", Map.of("Range", "bytes=0-1", "If-Range", "\"stale\""));
        cases.put("weak If-Range tag", Map.of("Range", "bytes=0-1", "If-Range", "W/" + etag));
        cases.put("old If-Range date", Map.of("Range", "bytes=0-1", "If-Range", "Mon, 01 Jan 2001 00:00:00 GMT"));
        for (Map.Entry<String, Map<String, String>> entry : cases.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(entry.getValue());
            headers.put("Authorization", "Bearer " + bearer());
            Raw response = get(imagePath(), headers);
            assertThat(response.status()).as(entry.getKey() + " " + response).isEqualTo(200);
            assertThat(response.body()).as(entry.getKey()).isEqualTo(png);
            assertThat(response.header("Content-Range")).as(entry.getKey()).isNull();
        }

        Raw current = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "Range", "bytes=0-1",
                "If-Range", etag));
        assertThat(current.status()).isEqualTo(206);
        assertThat(current.body()).isEqualTo(Arrays.copyOfRange(png, 0, 2));
        Raw oneSatisfiable = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(),
                "Range", "bytes=2-3, " + (png.length + 5) + "-"));
        assertThat(oneSatisfiable.status()).isEqualTo(206);
        assertThat(oneSatisfiable.header("Content-Range")).isEqualTo("bytes 2-3/" + png.length);
    }

    @Test
    void failedIfMatchIs412AndHeadHasNoBody() {
        Raw failed = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "If-Match", "\"other\""));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(412);
        assertThat(failed.body()).isEmpty();

        Raw head = send("HEAD", imagePath(), Map.of("Authorization", "Bearer " + bearer()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(png.length));
        assertThat(head.header("Content-Type")).isEqualTo("image/png");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void matchingETagOrDateIsNotModified() {
        Raw first = get(imagePath(), Map.of("Authorization", "Bearer " + bearer()));
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");

        Raw byEtag = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "If-None-Match", etag));
        assertThat(byEtag.status()).as(byEtag.toString()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        assertThat(byEtag.header("ETag")).isEqualTo(etag);

        Raw weakListWithRange = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(),
                "If-None-Match", "\"x\", W/" + etag, "Range", "bytes=0-1"));
        assertThat(weakListWithRange.status()).as("preconditions come before the range").isEqualTo(304);

        Raw byDate = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "If-Modified-Since", lastModified));
        assertThat(byDate.status()).as(byDate.toString()).isEqualTo(304);

        Raw otherEtag = get(imagePath(), Map.of("Authorization", "Bearer " + bearer(), "If-None-Match", "\"other\""));
        assertThat(otherEtag.status()).isEqualTo(200);
        assertThat(otherEtag.body()).isEqualTo(png);

        Api.Response revalidationWithoutToken = anonymous().get(imagePath());
        assertThat(revalidationWithoutToken.status()).isEqualTo(401);
    }

    @Test
    void eTagChangesWhenTheFileChanges() throws IOException {
        Path file = IMAGES_ROOT.resolve(folder + "/changing.png");
        Files.write(file, png);
        String path = "/api/instances/images/" + folder + "/changing.png";
        String before = get(path, Map.of("Authorization", "Bearer " + bearer())).header("ETag");
        Files.write(file, Arrays.copyOf(png, png.length + 1));
        Raw after = get(path, Map.of("Authorization", "Bearer " + bearer(), "If-None-Match", before));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before);
    }

    @Test
    void missingFilesAndDirectoriesAreNotFound() {
        for (String path : new String[] {
                "/api/instances/images/" + folder + "/missing.png",
                "/api/instances/thumbnails/" + folder + "/thumb_540.jpg",
                "/api/instances/images/" + folder,
                "/api/instances/images/" + folder + "/",
                "/api/instances/images/",
                "/api/instances/thumbnails/" + folder + "/image.png"}) {
            Api.Response response = admin().get(path);
            assertThat(response.status()).as(path + " " + response).isEqualTo(404);
            assertThat(response.detail()).isEqualTo("Not Found");
        }
    }

    // ---------------------------------------------------------------- confinement

    @Test
    void symbolicLinksLeadingOutOfTheRootAreNotFound() {
        for (String path : new String[] {
                "/api/instances/images/" + folder + "/leak.png",
                "/api/instances/images/" + folder + "/outside/" + secret.getFileName()}) {
            Raw response = get(path, Map.of("Authorization", "Bearer " + bearer()));
            assertThat(response.status()).as(path + " " + response).isEqualTo(404);
            assertThat(response.text()).isEqualTo("{\"detail\":\"Not Found\"}").doesNotContain(SECRET_TEXT);
        }
    }

    /**
     * None of these reaches the controller: Tomcat answers 400 itself (HTML page) for an encoded
     * slash, a backslash raw or encoded, and an encoded NUL; Spring Security's firewall answers 400
     * for {@code ..} segments, {@code %2e}, {@code %25} and {@code //}. SafePaths (unit-tested) is
     * the layer behind them, and the symbolic-link case above does reach it.
     */
    @Test
    void traversalAttemptsNeverServeTheSecret() {
        String name = secret.getFileName().toString();
        String[] attempts = {
                "/api/instances/images/../" + name,
                "/api/instances/images/" + folder + "/../../" + name,
                "/api/instances/images/%2e%2e/" + name,
                "/api/instances/images/..%2f" + name,
                "/api/instances/images/%2e%2e%2f" + name,
                "/api/instances/images/%252e%252e%252f" + name,
                "/api/instances/images//" + secret,
                "/api/instances/images/" + secret.toString().replace("/", "%2f"),
                "/api/instances/images/..\\" + name,
                "/api/instances/images/..%5c" + name,
                "/api/instances/images/%2e%2e%5c" + name,
                "/api/instances/thumbnails/../" + IMAGES_ROOT.getFileName() + "/" + folder + "/image.png",
                "/api/instances/images//etc/passwd",
                "/api/instances/images/%00/../" + name,
        };
        for (String attempt : attempts) {
            Raw response = raw(attempt, "Authorization: Bearer " + bearer());
            assertThat(response.status()).as(attempt + " " + response).isIn(400, 404);
            assertThat(response.text()).as(attempt).doesNotContain(SECRET_TEXT).doesNotContain("root:");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String adminToken;

    /** An access token of the admin (one login per class: Argon2 is deliberately slow). */
    private synchronized String bearer() {
        if (adminToken == null) {
            adminToken = token(ADMIN, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    private Raw get(String path, Map<String, String> headers) {
        return send("GET", path, headers);
    }

    private Raw send(String method, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(request::header);
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> first = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Raw(response.statusCode(), response.body(), first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request target exactly as given, over a plain socket (no client-side checks or normalisation). */
    private Raw raw(String target, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(all, end + 4, all.length);
            return new Raw(status, body, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Raw(int status, byte[] body, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length > 200 ? body.length + " bytes" : text());
        }
    }
}
