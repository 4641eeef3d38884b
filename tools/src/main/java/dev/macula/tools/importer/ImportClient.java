package dev.macula.tools.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to a running Macula over HTTP as a script would: token login, import calls, instance reads. */
final class ImportClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXISTING = Pattern.compile("already imported as ImageInstance (\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String username;
    private final String password;
    private volatile String token;

    ImportClient(String base, String username, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.username = username;
        this.password = password;
    }

    /** What happened to one item. */
    record Outcome(Kind kind, Long imageId, String reason) {
        enum Kind { IMPORTED, SKIPPED, FAILED }
    }

    void login() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("login as '" + username + "' failed: HTTP " + response.statusCode() + " " + response.body());
        }
        token = JSON.readTree(response.body()).get("access_token").asText();
    }

    Outcome importImage(ImportItem item) throws IOException, InterruptedException {
        ObjectNode data = JSON.createObjectNode();
        data.put("project_name", item.projectName());
        data.put("patient_identifier", item.patientIdentifier());
        data.put("study_date", item.studyDate());
        data.put("series_id", item.seriesId());
        data.put("image", item.image());
        data.set("patient_props", JSON.valueToTree(item.patientProps()));
        data.set("study_props", JSON.valueToTree(item.studyProps()));
        data.set("series_props", JSON.valueToTree(item.seriesProps()));
        data.set("image_props", JSON.valueToTree(item.imageProps()));
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        body.set("options", JSON.valueToTree(Map.of("create_project", true, "create_patients", true,
                "create_studies", true, "create_series", true)));
        HttpResponse<String> response = post("/api/import/image", JSON.writeValueAsString(body));
        if (response.statusCode() != 200) {
            return new Outcome(Outcome.Kind.FAILED, null, "HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode result = JSON.readTree(response.body());
        if (result.path("success").asBoolean()) {
            return new Outcome(Outcome.Kind.IMPORTED, result.get("data").get("image_ids").get(0).asLong(), null);
        }
        String error = result.path("error").asText();
        Matcher existing = EXISTING.matcher(error);
        if (existing.find()) {
            return new Outcome(Outcome.Kind.SKIPPED, Long.parseLong(existing.group(1)), "already imported");
        }
        return new Outcome(Outcome.Kind.FAILED, null, error);
    }

    /** The image's thumbnail_path: null while not made yet. */
    String thumbnailPath(long imageId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/instances/" + imageId)).GET());
        if (response.statusCode() != 200) {
            return null;
        }
        String path = JSON.readTree(response.body()).path("thumbnail_path").asText();
        boolean failed = path.isEmpty() && thumbnailFailed(imageId);
        return failed ? "" : path.isEmpty() ? null : path;
    }

    private boolean thumbnailFailed(long imageId) throws IOException, InterruptedException {
        HttpResponse<String> history = send(HttpRequest.newBuilder(URI.create(base + "/api/history/instance/" + imageId)).GET());
        return history.statusCode() == 200 && history.body().contains("\"ThumbnailsFailed\"");
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends with the token; one re-login when it expired (tokens live 30 minutes, imports may not). */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.copy().header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            login();
            response = http.send(request.copy().header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }
}
