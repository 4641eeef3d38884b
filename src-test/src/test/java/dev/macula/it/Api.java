package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small black-box HTTP client for the tests: one instance is one client (a browser with its
 * cookie jar, or a script with a bearer token). It speaks to the application over a real socket.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String bearer;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Api bearer(String token) {
        this.bearer = token;
        return this;
    }

    Api cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** One part of a multipart/form-data body. */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

    Response multipart(String path, List<Part> parts) {
        String boundary = "macula-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            for (Part part : parts) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                        + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"") + "\r\nContent-Type: "
                        + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(part.content());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sendBytes("POST", path, body.toByteArray(), "multipart/form-data; boundary=" + boundary, Map.of());
    }

    /** Sends raw bytes with the given content type and extra headers. */
    Response sendBytes(String method, String path, byte[] bytes, String contentType, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    List.of(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw text (a String body is sent as is, anything else as JSON). */
    Response send(String method, String path, Object body, String contentType) {
        try {
            byte[] bytes = body == null ? new byte[0]
                    : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (contentType != null && body != null) {
                request.header("Content-Type", contentType);
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ",
                        cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String setCookie : setCookies) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (setCookie.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), response.body(), setCookies, response.headers().map(),
                    response.body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, List<String> setCookies, Map<String, List<String>> headers, byte[] bytes) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String detail() {
            return json().path("detail").asText();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
