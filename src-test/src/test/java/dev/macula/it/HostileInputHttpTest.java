package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every operation: 10,000 generated requests (seeded, reproducible) with
 * malformed JSON, wrong types, extreme numbers, huge and odd strings, unicode, path tricks and odd
 * query parameters, as admin, annotator and anonymous. No answer may be a 5xx, and every error
 * answer must be a JSON object with {@code detail}.
 */
class HostileInputHttpTest extends HttpTestBase {

    static final int REQUESTS = 10_000;

    /**
     * Every API operation (contract Appendix A plus Macula's additions). {@code run_inference} and
     * {@code update_thumbnails} are left out: any call starts a real background job over every image,
     * and they take no input to be hostile with.
     */
    static final List<String> OPERATIONS = List.of(
            "POST /api/auth/login", "POST /api/auth/token", "GET /api/auth/me", "POST /api/auth/change-password",
            "POST /api/auth/register", "POST /api/auth/refresh", "POST /api/auth/logout",
            "GET /api/instances/{id}", "GET /api/instances/images/{path}", "GET /api/instances/thumbnails/{path}",
            "POST /api/instances/{id}/tags", "PATCH /api/instances/{id}/tags/{id}", "DELETE /api/instances/{id}/tags/{id}",
            "POST /api/segmentations", "GET /api/segmentations/{id}", "DELETE /api/segmentations/{id}",
            "PATCH /api/segmentations/{id}", "PUT /api/segmentations/{id}/data", "GET /api/segmentations/{id}/data",
            "GET /api/segmentations/{id}/versions", "POST /api/segmentations/{id}/tags",
            "PATCH /api/segmentations/{id}/tags/{id}", "DELETE /api/segmentations/{id}/tags/{id}",
            "GET /api/model-segmentations/{id}/data", "POST /api/import/image", "POST /api/form-annotations",
            "GET /api/form-annotations", "GET /api/form-annotations/{id}", "PATCH /api/form-annotations/{id}",
            "DELETE /api/form-annotations/{id}", "GET /api/form-annotations/{id}/value",
            "PUT /api/form-annotations/{id}/value", "POST /api/form-annotations/{id}/tags",
            "DELETE /api/form-annotations/{id}/tags/{id}", "PATCH /api/form-annotations/{id}/tags/{id}",
            "POST /api/instances/search", "POST /api/studies/search", "GET /api/instances/search/signature",
            "GET /api/studies/search/signature", "GET /api/form-schemas", "GET /api/form-schemas/{id}",
            "POST /api/form-schemas", "GET /api/features", "POST /api/features", "GET /api/features/{id}",
            "PATCH /api/features/{id}", "DELETE /api/features/{id}", "POST /api/tags", "GET /api/tags",
            "GET /api/tags/search", "PATCH /api/tags/{id}", "DELETE /api/tags/{id}", "POST /api/tags/{id}/star",
            "DELETE /api/tags/{id}/star", "POST /api/task", "GET /api/task", "GET /api/task/{id}",
            "PATCH /api/task/{id}", "DELETE /api/task/{id}", "GET /api/task/{id}/subtasks",
            "GET /api/task/{id}/subtask/{id}", "POST /api/task/{id}/subtasks", "GET /api/task/{id}/subtasks-with-images",
            "GET /api/subtasks/{id}", "PATCH /api/subtasks/{id}", "DELETE /api/subtasks/{id}",
            "POST /api/subtasks/{id}/images", "DELETE /api/subtasks/{id}/images/{id}", "GET /api/devices",
            "POST /api/devices", "POST /api/devices/{id}/instances", "POST /api/studies/{id}/tags",
            "DELETE /api/studies/{id}/tags/{id}", "PATCH /api/studies/{id}/tags/{id}", "GET /api/studies/{id}",
            "GET /api/users", "PATCH /api/users/{id}", "POST /api/users/import", "GET /api/history/{word}/{id}", "GET /api/history",
            "GET /api/jobs/{word}", "GET /api/task-definitions", "POST /api/task-definitions",
            "GET /api/admin/projections", "GET /api/admin/projections/{word}",
            "POST /api/admin/projections/{word}/dead-letters/retry");

    private static final List<String> FIELDS = List.of("name", "tag_type", "description", "tag_id", "comment",
            "username", "password", "old_password", "new_password", "api_client", "refresh_token", "conditions",
            "order_by", "order", "limit", "page", "include_count", "data", "options", "project_name", "image",
            "form_schema_id", "patient_id", "study_id", "image_instance_id", "form_data", "image_ids", "task_state",
            "role", "feature_id", "subfeature_ids", "subfeatures", "state", "task_definition_id", "contact_id",
            "manufacturer", "model", "schema", "config", "laterality", "threshold", "reference_segmentation_id",
            "comments", "variable", "operator", "value", "type");

    private final Random random = new Random(20261125L);

    @Test
    void noHostileRequestGetsA5xxAndEveryErrorHasADetail() {
        Api admin = admin();
        Api annotator = newUser("hostile");
        Api anonymous = anonymous();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            String method = operation.substring(0, operation.indexOf(' '));
            String path = fillPath(operation.substring(operation.indexOf(' ') + 1)) + query();
            int who = random.nextInt(10);
            Api client = who < 7 ? admin : who < 9 ? annotator : anonymous;
            Api.Response response;
            try {
                response = send(client, method, path);
            } catch (RuntimeException e) {
                problems.add(method + " " + path + " -> no answer: " + e);
                continue;
            }
            statuses.merge(response.status(), 1, Integer::sum);
            String problem = check(response);
            if (problem != null && problems.size() < 50) {
                problems.add(method + " " + abbreviate(path) + " -> " + response.status() + " " + problem);
            }
        }
        System.out.println("hostile input: " + REQUESTS + " requests, statuses " + statuses);
        assertThat(problems).as("statuses %s", statuses).isEmpty();
        assertThat(statuses.keySet()).as("the generator reaches the handlers, not only the gates")
                .contains(200, 401, 404, 422);
    }

    private static String check(Api.Response response) {
        if (response.status() >= 500) {
            return "server error: " + abbreviate(response.body());
        }
        if (response.status() < 400) {
            return null;
        }
        try {
            JsonNode body = Api.JSON.readTree(response.body());
            if (body == null || !body.isObject() || !body.has("detail")) {
                return "error without detail: " + abbreviate(response.body());
            }
            return null;
        } catch (Exception e) {
            return "error body is not JSON: " + abbreviate(response.body());
        }
    }

    private Api.Response send(Api client, String method, String path) {
        if (method.equals("GET") || method.equals("DELETE") && random.nextBoolean()) {
            return client.send(method, path, null, null);
        }
        int kind = random.nextInt(10);
        if (path.startsWith("/api/segmentations") && method.equals("POST") && !path.contains("/tags")) {
            return multipart(client, path);
        }
        if (path.endsWith("/data") && method.equals("PUT")) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 8) {
                System.arraycopy("\u0093NUMPY".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 6);
            }
            return client.sendBytes("PUT", path, bytes, "application/octet-stream", Map.of());
        }
        String contentType = switch (random.nextInt(4)) {
            case 0 -> "text/plain";
            case 1 -> null;
            default -> "application/json";
        };
        if (kind < 3) {
            return client.sendBytes(method, path, malformed().getBytes(StandardCharsets.UTF_8), contentType, Map.of());
        }
        return client.sendBytes(method, path, body().getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    private Api.Response multipart(Api client, String path) {
        List<Api.Part> parts = new ArrayList<>();
        if (random.nextBoolean()) {
            parts.add(new Api.Part("metadata", null, "text/plain", body().getBytes(StandardCharsets.UTF_8)));
        }
        if (random.nextBoolean()) {
            byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            parts.add(new Api.Part("np_array", "np_array.npy.gz", "application/octet-stream", bytes));
        }
        if (random.nextInt(4) == 0) {
            return client.sendBytes("POST", path, "--broken\r\n".getBytes(StandardCharsets.UTF_8),
                    "multipart/form-data; boundary=nothing", Map.of());
        }
        return client.multipart(path, parts);
    }

    // ------------------------------------------------------------------ generators

    private String fillPath(String template) {
        String path = template;
        while (path.contains("{id}")) {
            path = path.replaceFirst("\\{id}", encode(pathValue(true)));
        }
        while (path.contains("{word}")) {
            path = path.replaceFirst("\\{word}", encode(pathValue(false)));
        }
        while (path.contains("{path}")) {
            String[] tricks = {"../../etc/passwd", "..%2f..%2fetc%2fpasswd", "/etc/passwd", "a/../../b.png",
                    "%00.png", "x" + "/y".repeat(200), "😀.png", "C:\\windows\\win.ini", "~root/.ssh/id_rsa",
                    "1/abc_144.jpg", "", " "};
            String trick = tricks[random.nextInt(tricks.length)];
            boolean uriSafe = trick.chars().allMatch(c -> c < 128 && c > 32 && c != '\\' && c != '%');
            path = path.replace("{path}", uriSafe && random.nextBoolean() ? trick : encode(trick));
        }
        return path;
    }

    private String pathValue(boolean numeric) {
        String[] ids = {"1", "2", "3", "0", "-1", "99999999", "2147483648", "9223372036854775807",
                "9223372036854775808", "1.5", "1e3", "abc", "null", "true", "%2e%2e", "..", "9".repeat(400),
                "😀", "<script>", "' or 1=1 --", " ", "0x10", "+5", "tag", "user", "instance", "read-models-x"};
        return numeric && random.nextBoolean() ? String.valueOf(random.nextInt(30) + 1) : ids[random.nextInt(ids.length)];
    }

    private String query() {
        if (random.nextInt(3) > 0) {
            return "";
        }
        String[] keys = {"limit", "page", "with_tag_metadata", "with_segmentations", "tag_type", "q", "version",
                "axis", "scan_nr", "subtask_status", "with_next", "retry_failed", "patient_id", "creator_id",
                "with_counts", "image_instance_id", "form_schema_id", "study_id", "actor_id", "since", "until",
                "entity_type", "after"};
        StringBuilder query = new StringBuilder("?");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            query.append(i == 0 ? "" : "&").append(keys[random.nextInt(keys.length)]).append('=')
                    .append(encode(scalarText()));
        }
        return query.toString();
    }

    private String scalarText() {
        String[] values = {"-1", "0", "1", "200", "1000000", "9223372036854775808", "1.5", "NaN", "true", "yes",
                "maybe", "", "😀", "Study", "ImageInstance", "Ready", "x".repeat(5000), "%00", "null", "[]"};
        return values[random.nextInt(values.length)];
    }

    private String malformed() {
        String[] bodies = {"", "{", "}", "[1,2", "{\"a\":}", "{\"a\" 1}", "nul", "\"unterminated", "{'a': 1}",
                "\uFEFF{\"name\": \"bom\"}", "[" .repeat(5000), "{\"a\":" + "1".repeat(20_000) + "}",
                "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 1e99999}", "\u0000\u0001\u0002",
                "{\"name\": \"\\ud800\"}", "{\"conditions\": [" + "{},".repeat(3000) + "{}]}", "123", "null",
                "[]", "\"just a string\"", "true", "{\"" + "k".repeat(100_000) + "\": 1}"};
        return bodies[random.nextInt(bodies.length)];
    }

    private String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            body.put(FIELDS.get(random.nextInt(FIELDS.size())), value(0));
        }
        try {
            return Api.JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth > 3 ? 8 : 11);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> new long[]{0, -1, 1, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE}[random.nextInt(6)];
            case 3 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(60)));
            case 4 -> new double[]{0.5, -0.0, 1e308, -1e-308, 3.14159}[random.nextInt(5)];
            case 5 -> scalarText();
            case 6 -> new String[]{"R", "L", "ColorFundus", "OCT", "==", "IN", "Study Date", "Image Tag Name",
                    "2024-01-01", "2024-13-45", "Ready", "Finished", "ImageInstance", "default", "attribute"}
                    [random.nextInt(15)];
            case 7 -> "x".repeat(random.nextInt(2) == 0 ? 300 : 70_000);
            case 8 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(value(depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    map.put(FIELDS.get(random.nextInt(FIELDS.size())), value(depth + 1));
                }
                yield map;
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
