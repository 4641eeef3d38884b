package dev.macula.tools.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP side of a tool: the platform's JSON API (with the bearer token of {@link #login}) and the
 * Elasticsearch REST API behind it, which benchmarks use for their raw baselines and the chaos run for
 * its checks. Answers come back as they are; callers decide what a status means.
 */
public final class PlatformClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String url;
    private final String es;
    private final Duration requestTimeout;
    private volatile String token;
    /** The user name and password of the last login, to log in again when the token expires. */
    private volatile String[] credentials;

    /**
     * @param url            the platform, e.g. {@code http://127.0.0.1:8080} (null: Elasticsearch only)
     * @param es             Elasticsearch, e.g. {@code http://127.0.0.1:9200} (null: the platform only)
     * @param connectTimeout how long to wait for a connection (null: the JDK's default)
     * @param requestTimeout how long to wait for an answer (null: as long as it takes, e.g. a large _bulk)
     */
    public PlatformClient(String url, String es, Duration connectTimeout, Duration requestTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.http = builder.build();
        this.url = url;
        this.es = es;
        this.requestTimeout = requestTimeout;
    }

    /**
     * For a command-line client: the platform at MACULA_URL (default http://127.0.0.1:8080), logged in
     * as MACULA_USERNAME / MACULA_PASSWORD. Prints why and exits when they are unset (status 2) or the
     * login is refused or the platform does not answer (status 1).
     *
     * @param who whose credentials they must be, for the message, e.g. "an admin of the platform"
     */
    public static PlatformClient loginFromEnvironment(String who) throws Exception {
        String username = System.getenv("MACULA_USERNAME");
        String password = System.getenv("MACULA_PASSWORD");
        if (username == null || password == null) {
            System.err.println("set MACULA_USERNAME and MACULA_PASSWORD (" + who + ")");
            System.exit(2);
        }
        PlatformClient client = new PlatformClient(System.getenv().getOrDefault("MACULA_URL", "http://127.0.0.1:8080"),
                null, null, null);
        try {
            client.login(username, password);
        } catch (IllegalStateException refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        } catch (java.net.ConnectException unreachable) {
            System.err.println("cannot reach the platform at " + client.url() + " (is it running? MACULA_URL)");
            System.exit(1);
        }
        return client;
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    /** Sends {@code token} as the bearer token from now on: one the platform issued by other means than a login. */
    public void useToken(String token) {
        this.token = token;
        this.credentials = null;
    }

    /**
     * Logs in with {@code POST /api/auth/token}; later requests carry the token.
     *
     * @throws IllegalStateException "login failed: " with the status and body when refused
     */
    public String login(String username, String password) throws Exception {
        HttpResponse<String> response = send(timed(HttpRequest.newBuilder(URI.create(url + "/api/auth/token")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password)))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        token = JSON.readTree(response.body()).get("access_token").asText();
        credentials = new String[]{username, password};
        return token;
    }

    /**
     * An access token lives 30 minutes and a long run (a million generated instances, a large import)
     * outlives it: a 401 on a token this client logged in for means log in again, once, and resend.
     */
    private HttpResponse<String> sendAsUser(HttpRequest.Builder request) throws Exception {
        String used = token;
        HttpResponse<String> response = send(request);
        String[] login = credentials;
        if (response.statusCode() != 401 || login == null || used == null) {
            return response;
        }
        synchronized (this) {
            if (used.equals(token)) { // not renewed by another thread meanwhile
                login(login[0], login[1]);
            }
        }
        return send(request.copy().setHeader("Authorization", "Bearer " + token));
    }

    public HttpResponse<String> get(String path) throws Exception {
        return sendAsUser(request(path).GET());
    }

    /** A binary answer (a zip, an .npy file), body as bytes. */
    public HttpResponse<byte[]> download(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs {@code body} as JSON. */
    public HttpResponse<String> post(String path, Object body) throws Exception {
        return json("POST", path, body);
    }

    /** PATCHes with {@code body} as JSON. */
    public HttpResponse<String> patch(String path, Object body) throws Exception {
        return json("PATCH", path, body);
    }

    /** Sends {@code body} as it is, with its content type (a multipart form, an .npy array). */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        return sendAsUser(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return sendAsUser(request(path).DELETE());
    }

    /** A request to Elasticsearch; {@code _bulk} bodies go as NDJSON, the rest as JSON. */
    public HttpResponse<String> es(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(es + path))
                .header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(timed(request));
    }

    private HttpResponse<String> json(String method, String path, Object body) throws Exception {
        return sendAsUser(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = timed(HttpRequest.newBuilder(URI.create(url + path)));
        String bearer = token;
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private HttpRequest.Builder timed(HttpRequest.Builder request) {
        return requestTimeout == null ? request : request.timeout(requestTimeout);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
