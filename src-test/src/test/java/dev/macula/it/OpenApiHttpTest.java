package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json} (also {@code /v3/api-docs}) and Swagger UI at {@code /docs}, as
 * FastAPI serves them for Eyened: the document is compared with the original's
 * ({@code shared/spec/eyened-openapi.json}) operation by operation — path template and parameter
 * names and types, success status, request body fields and answer shape — and must also list every
 * operation Macula adds (README, "API beyond the original").
 */
class OpenApiHttpTest extends HttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * Parameters of the original that Macula does not declare as parameters, on purpose
     * ("location name" → why). Every other parameter must be there with the same name and location.
     */
    private static final Map<String, String> PARAMETERS_NOT_DECLARED = Map.of(
            "header authorization", "credentials are the bearerAuth security scheme (Swagger UI's Authorize)",
            "cookie jwt_token", "credentials are the cookieAuth security scheme (apiKey in the cookie jwt_token)",
            "cookie refresh_token", "the original reads it on every request and ignores it (docs/api.md §2.4);"
                    + " Macula declares it where it is used: POST /api/auth/refresh and /logout");

    /**
     * Places where Macula's answer or request body differs from the original's on purpose
     * ("METHOD /path: where" → why). Empty today: every difference found so far was a gap and got fixed.
     */
    private static final Map<String, String> SHAPE_DIFFERENCES = Map.of();

    /** Macula's additions (README, "API beyond the original"), with the parameters they document. */
    private static final Map<String, List<String>> MACULA_OPERATIONS = Map.ofEntries(
            Map.entry("GET /api/tags", List.of("query tag_type", "query as_of")),
            Map.entry("POST /api/segmentations/{segmentation_id}/revert",
                    List.of("path segmentation_id", "header If-Match")),
            Map.entry("POST /api/form-annotations/{annotation_id}/revert", List.of("path annotation_id")),
            Map.entry("POST /api/subtasks/{subtaskid}/revert", List.of("path subtaskid", "query with_images")),
            Map.entry("POST /api/task/{task_id}/revert", List.of("path task_id")),
            Map.entry("POST /api/features/{feature_id}/revert", List.of("path feature_id")),
            Map.entry("POST /api/tags/{tag_id}/revert", List.of("path tag_id")),
            Map.entry("POST /api/instances/{instance_id}/tags/revert", List.of("path instance_id")),
            Map.entry("POST /api/studies/{study_id}/tags/revert", List.of("path study_id")),
            Map.entry("GET /api/tags/search", List.of("query q", "query tag_type", "query limit")),
            Map.entry("GET /api/history/{entity_type}/{id}", List.of("path entity_type", "path id")),
            Map.entry("GET /api/history", List.of("query actor_id", "query since", "query until", "query entity_type",
                    "query after", "query limit")),
            Map.entry("GET /api/analytics/tasks/{task_id}", List.of("path task_id", "query as_of")),
            Map.entry("GET /api/analytics/activity", List.of("query since", "query until", "query bucket",
                    "query actor_id")),
            Map.entry("GET /api/users", List.of()),
            Map.entry("GET /api/users/{user_id}", List.of("path user_id", "query as_of")),
            Map.entry("POST /api/admin/rollbacks", List.of()),
            Map.entry("GET /api/admin/events", List.of("query after", "query limit", "query types", "query entity_type")),
            Map.entry("GET /api/admin/rollbacks/{task_id}", List.of("path task_id")),
            Map.entry("POST /api/admin/exports", List.of()),
            Map.entry("GET /api/admin/exports/{task_id}", List.of("path task_id")),
            Map.entry("GET /api/admin/exports/{task_id}/download", List.of("path task_id")),
            Map.entry("GET /api/analytics/tasks/{task_id}/report", List.of("path task_id", "query as_of")),
            Map.entry("PATCH /api/users/{user_id}", List.of("path user_id")),
            Map.entry("POST /api/users/import", List.of()),
            Map.entry("GET /actuator/health/readiness", List.of()),
            Map.entry("GET /api/studies/{study_id}", List.of("path study_id")),
            Map.entry("POST /api/import/image", List.of()),
            Map.entry("POST /api/devices", List.of()),
            Map.entry("POST /api/devices/{device_model_id}/instances", List.of("path device_model_id")),
            Map.entry("GET /api/features", List.of()),
            Map.entry("POST /api/features", List.of()),
            Map.entry("GET /api/features/{feature_id}", List.of()),
            Map.entry("PATCH /api/features/{feature_id}", List.of()),
            Map.entry("DELETE /api/features/{feature_id}", List.of()),
            Map.entry("GET /api/segmentations/{segmentation_id}/versions", List.of()),
            Map.entry("GET /api/segmentations/{segmentation_id}/data", List.of("query version")),
            Map.entry("PUT /api/segmentations/{segmentation_id}/data", List.of("header If-Match")),
            Map.entry("PATCH /api/segmentations/{segmentation_id}/tags/{tag_id}", List.of()),
            Map.entry("POST /api/import/run_inference", List.of()),
            Map.entry("POST /api/import/update_thumbnails", List.of("query retry_failed")),
            Map.entry("POST /api/form-schemas", List.of()),
            Map.entry("GET /api/form-annotations", List.of("query valid")),
            Map.entry("POST /api/task-definitions", List.of()),
            Map.entry("GET /api/task-definitions", List.of()),
            Map.entry("POST /api/task/{task_id}/subtasks", List.of()),
            Map.entry("GET /api/task/{task_id}/subtasks-with-images", List.of()),
            Map.entry("GET /api/jobs/{task_id}", List.of("path task_id")),
            Map.entry("POST /api/instances/search", List.of()),
            Map.entry("POST /api/studies/search", List.of()),
            Map.entry("GET /api/instances/search/signature", List.of()),
            Map.entry("GET /api/studies/search/signature", List.of()),
            Map.entry("GET /api/admin/projections", List.of()),
            Map.entry("GET /api/admin/projections/{name}", List.of("path name")),
            Map.entry("POST /api/admin/projections/{name}/rebuild", List.of("path name")),
            Map.entry("POST /api/admin/projections/{name}/dead-letters/retry", List.of("path name")),
            Map.entry("POST /api/auth/refresh", List.of("cookie refresh_token")));

    private static JsonNode eyened;
    private JsonNode macula;

    @BeforeEach
    void documents() throws IOException {
        if (eyened == null) {
            eyened = JSON.readTree(eyenedSpec().toFile());
        }
        Api.Response document = admin().get("/openapi.json");
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        assertThat(document.header("Content-Type")).startsWith("application/json");
        macula = document.json();
        Files.writeString(Path.of("target/openapi.json"), document.body()); // to read after a failure
    }

    /** shared/spec lies beside the project (the work tree and CI's clone alike): look upwards from here. */
    private static Path eyenedSpec() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/spec/eyened-openapi.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/spec/eyened-openapi.json not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyOperationOfTheOriginalIsDocumentedWithItsParameters() {
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Operation original : operations(eyened, "/api")) {
            operations++;
            JsonNode ours = macula.path("paths").path(original.path).path(original.method);
            if (ours.isMissingNode()) {
                problems.add("missing operation " + original);
                continue;
            }
            Set<String> declared = parameters(ours);
            for (String parameter : parameters(original.node)) {
                if (!declared.contains(parameter) && !PARAMETERS_NOT_DECLARED.containsKey(parameter)) {
                    problems.add(original + ": parameter '" + parameter + "' missing, has " + declared);
                } else if (declared.contains(parameter)) {
                    List<String> theirTypes = options(eyened, parameter(original.node, parameter)).stream()
                            .map(OpenApiHttpTest::type).toList();
                    String ourType = type(resolve(macula, parameter(ours, parameter)));
                    if (!theirTypes.isEmpty() && !theirTypes.contains("any") && !theirTypes.contains(ourType)) {
                        problems.add(original + ": parameter '" + parameter + "' is " + ourType + ", the"
                                + " original's " + theirTypes);
                    }
                }
            }
        }
        assertThat(operations).isEqualTo(68);
        assertThat(problems).isEmpty();
    }

    @Test
    void successAnswersAndRequestBodiesHaveTheOriginalsShape() {
        List<String> problems = new ArrayList<>();
        for (Operation original : operations(eyened, "/api")) {
            JsonNode ours = macula.path("paths").path(original.path).path(original.method);
            if (ours.isMissingNode()) {
                continue; // reported by the test above
            }
            String theirStatus = successStatus(original.node);
            String ourStatus = successStatus(ours);
            if (!theirStatus.equals(ourStatus)) {
                problems.add(original + ": success status " + ourStatus + ", the original's is " + theirStatus);
                continue;
            }
            JsonNode theirAnswer = original.node.path("responses").path(theirStatus).path("content")
                    .path("application/json").path("schema");
            JsonNode ourAnswer = ours.path("responses").path(ourStatus).path("content")
                    .path("application/json").path("schema");
            if (!theirAnswer.isMissingNode() && !any(resolve(eyened, theirAnswer))) {
                compare(original + " answer", theirAnswer, ourAnswer, 0, problems);
            }
            for (Iterator<Map.Entry<String, JsonNode>> bodies = original.node.path("requestBody").path("content")
                    .fields(); bodies.hasNext(); ) {
                Map.Entry<String, JsonNode> body = bodies.next();
                JsonNode ourBody = ours.path("requestBody").path("content").path(body.getKey()).path("schema");
                if (ourBody.isMissingNode()) {
                    problems.add(original + ": no " + body.getKey() + " request body");
                } else {
                    compare(original + " body", body.getValue(), ourBody, 0, problems);
                }
            }
        }
        problems.removeIf(problem -> SHAPE_DIFFERENCES.keySet().stream().anyMatch(problem::startsWith));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperationMaculaAddsIsDocumented() {
        List<String> problems = new ArrayList<>();
        MACULA_OPERATIONS.forEach((operation, expected) -> {
            String[] parts = operation.split(" ", 2);
            JsonNode ours = macula.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            if (ours.isMissingNode()) {
                problems.add("missing operation " + operation);
            } else if (!parameters(ours).containsAll(expected)) {
                problems.add(operation + ": parameters " + parameters(ours) + ", expected " + expected);
            } else if (!ours.path("responses").fieldNames().hasNext()) {
                problems.add(operation + ": no answers");
            }
        });
        assertThat(problems).isEmpty();
        // a form annotation's answer documents its validation state (README, "Form validation")
        String form = macula.at("/paths/~1api~1form-annotations/get/responses/200/content/application~1json/schema/items/$ref")
                .asText();
        assertThat(macula.at("/components/schemas/" + form.substring(form.lastIndexOf('/') + 1) + "/properties")
                .has("validation")).as(form).isTrue();
        // every operation documents its answer, and every body-taking operation its body
        for (Operation operation : operations(macula, "")) {
            String status = successStatus(operation.node);
            assertThat(status).as(operation.toString()).isNotEmpty();
            if (!status.equals("204")) {
                assertThat(operation.node.path("responses").path(status).path("content").size())
                        .as(operation + " answer content").isPositive();
            }
            if (Set.of("post", "put", "patch").contains(operation.method)
                    && operation.node.has("requestBody")) {
                assertThat(operation.node.path("requestBody").path("content").size()).as(operation.toString())
                        .isPositive();
            }
        }
    }

    @Test
    void credentialsAreSecuritySchemesAndTheOpenOperationsNeedNone() {
        JsonNode schemes = macula.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("cookieAuth").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("cookieAuth").path("name").asText()).isEqualTo("jwt_token");
        assertThat(macula.path("security").toString()).contains("bearerAuth", "cookieAuth");
        JsonNode login = macula.path("paths").path("/api/auth/login").path("post");
        assertThat(login.path("security").isArray() && login.path("security").isEmpty()).isTrue();
        JsonNode me = macula.path("paths").path("/api/auth/me").path("get");
        assertThat(me.has("security")).isFalse(); // the document's default: a token
        assertThat(me.path("responses").has("401")).isTrue();
    }

    @Test
    void bothPathsServeTheSameDocumentToAnyLoggedInUser() {
        Api viewer = anonymous();
        String name = unique("docs-reader");
        register(name, "pw-" + name);
        assertThat(viewer.post("/api/auth/login", Map.of("username", name, "password", "pw-" + name)).status())
                .isEqualTo(200);
        assertThat(viewer.cookie("jwt_token")).isNotBlank();
        Api.Response byCookie = viewer.get("/v3/api-docs"); // an annotator with the web viewer's cookie
        assertThat(byCookie.status()).as(byCookie.toString()).isEqualTo(200);
        assertThat(byCookie.json().path("paths")).isEqualTo(macula.path("paths"));
        assertThat(byCookie.json().path("openapi").asText()).startsWith("3.");
    }

    @Test
    void withoutCredentialsTheDocumentAndSwaggerUiAre401WithAHint() {
        for (String path : List.of("/openapi.json", "/v3/api-docs", "/docs", "/swagger-ui/index.html",
                "/openapi.json/swagger-config", "/openapi.json.yaml")) {
            Api.Response response = anonymous().get(path);
            assertThat(response.status()).as(path + " " + response).isEqualTo(401);
            assertThat(response.detail()).as(path).contains("log in", "Bearer");
        }
        // an encoded spelling of the path is the same path
        assertThat(anonymous().get("/v3/api-d%6Fcs").status()).isEqualTo(401);
        Api.Response badToken = anonymous().bearer("not-a-token").get("/openapi.json");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.detail()).isEqualTo("Unauthorized");
        // the API's own 401 keeps the contract's wording
        assertThat(anonymous().get("/api/auth/me").detail()).isEqualTo("Authentication required");
    }

    @Test
    void docsServesSwaggerUiReadingOurDocument() {
        Api admin = admin();
        Api.Response docs = admin.get("/docs");
        assertThat(docs.status()).as(docs.toString()).isIn(301, 302, 303, 307, 308);
        String location = docs.header("Location");
        assertThat(location).contains("/swagger-ui/index.html");
        Api.Response ui = admin.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Type")).startsWith("text/html");
        assertThat(ui.body()).contains("swagger-ui").doesNotContain(WebClientHttpTest.INDEX);
        Api.Response script = admin.get("/swagger-ui/swagger-ui-bundle.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        JsonNode config = admin.get("/openapi.json/swagger-config").json();
        assertThat(config.path("url").asText()).isEqualTo("/openapi.json");
    }

    // --- comparison

    record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static List<Operation> operations(JsonNode document, String prefix) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(new Operation(op.getKey(), prefix + path.getKey(), op.getValue()));
            }
        }));
        return operations;
    }

    /** "location name" of each parameter. */
    private static Set<String> parameters(JsonNode operation) {
        Set<String> names = new HashSet<>();
        operation.path("parameters").forEach(p -> names.add(p.path("in").asText() + " " + p.path("name").asText()));
        return names;
    }

    private static JsonNode parameter(JsonNode operation, String locationAndName) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ((parameter.path("in").asText() + " " + parameter.path("name").asText()).equals(locationAndName)) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError(locationAndName);
    }

    private static String successStatus(JsonNode operation) {
        Iterator<String> statuses = operation.path("responses").fieldNames();
        while (statuses.hasNext()) {
            String status = statuses.next();
            if (status.startsWith("2")) {
                return status;
            }
        }
        return "";
    }

    /**
     * Macula's schema must accept what the original's describes: the same JSON type and, down to
     * two levels of objects, every property the original declares.
     */
    private void compare(String where, JsonNode theirs, JsonNode ours, int depth, List<String> problems) {
        List<JsonNode> theirOptions = options(eyened, theirs);
        List<JsonNode> ourOptions = options(macula, ours);
        if (theirOptions.isEmpty() || theirOptions.stream().anyMatch(OpenApiHttpTest::any)) {
            return; // the original says nothing about the shape
        }
        for (JsonNode their : theirOptions) {
            String type = type(their);
            JsonNode match = ourOptions.stream().filter(o -> type.equals(type(o))).findFirst().orElse(null);
            if (match == null) {
                if (ourOptions.stream().noneMatch(OpenApiHttpTest::any) || depth == 0) {
                    problems.add(where + ": " + type + " expected, found " + ourOptions.stream()
                            .map(OpenApiHttpTest::type).toList());
                }
                continue;
            }
            if (type.equals("array")) {
                compare(where + "[]", their.path("items"), match.path("items"), depth, problems);
            } else if (type.equals("object") && depth < 2) {
                Map<String, JsonNode> ourProperties = properties(macula, match);
                properties(eyened, their).forEach((name, schema) -> {
                    if (!ourProperties.containsKey(name)) {
                        problems.add(where + "." + name + ": missing");
                    } else {
                        compare(where + "." + name, schema, ourProperties.get(name), depth + 1, problems);
                    }
                });
            }
        }
    }

    /** The alternatives a schema allows (anyOf/oneOf flattened, $ref resolved, null left out). */
    private static List<JsonNode> options(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        List<JsonNode> options = new ArrayList<>();
        JsonNode alternatives = resolved.has("anyOf") ? resolved.get("anyOf") : resolved.get("oneOf");
        if (alternatives != null) {
            alternatives.forEach(a -> options.addAll(options(document, a)));
        } else if (!resolved.isMissingNode() && !"null".equals(resolved.path("type").asText())) {
            options.add(resolved);
        }
        return options;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String name = resolved.get("$ref").asText().substring("#/components/schemas/".length());
            resolved = document.path("components").path("schemas").path(name);
        }
        return resolved;
    }

    private static Map<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        Map<String, JsonNode> properties = new java.util.LinkedHashMap<>();
        resolve(document, schema).path("properties").fields()
                .forEachRemaining(p -> properties.put(p.getKey(), p.getValue()));
        resolve(document, schema).path("allOf").forEach(part -> properties.putAll(properties(document, part)));
        return properties;
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").asText();
        if (schema.path("type").isArray()) { // OpenAPI 3.1: ["object", "null"]
            type = "";
            for (JsonNode t : schema.path("type")) {
                type = t.asText().equals("null") ? type : t.asText();
            }
        }
        if (type.isEmpty()) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "any";
        }
        return type.equals("integer") ? "number" : type; // an integer is a number on the wire
    }

    /** A schema that accepts any JSON value. */
    private static boolean any(JsonNode schema) {
        return type(schema).equals("any") && !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("$ref");
    }
}
