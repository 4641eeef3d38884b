package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.infra.MaculaApplication;
import dev.macula.infra.security.PasswordHasher;
import dev.macula.tools.migrate.MigrateCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./macula migrate} against a real MariaDB (127.0.0.1:3306, root, as CI provides it) holding a
 * small Eyened world in the original's schema ({@code tools/.../eyened/schema.sql}), into a fresh
 * PostgreSQL database: ids, creators, dates and password hashes kept; the migrated platform answers
 * the API with them; a rerun sends nothing twice; a target holding other data is refused.
 */
class EyenedMigrationTest {

    private static final String MARIADB = System.getenv().getOrDefault("MACULA_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String SOURCE_DB = "eyened_it_" + Long.toString(System.currentTimeMillis(), 36);
    private static final String TARGET_DB = "macula_it_migration_" + Long.toString(System.currentTimeMillis(), 36);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Argon2id with other (older, cheaper) parameters than the platform's own: still verified. */
    private static final PasswordHasher OLD_PARAMETERS = new PasswordHasher(4096, 2, 1);

    private static String[] platform;
    /** Not a real JPEG: the platform serves the original's files as they are, it does not render them again. */
    private static final byte[] SMALL_THUMBNAIL = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};

    @BeforeAll
    static void sourceAndTarget() throws Exception {
        try (Connection server = DriverManager.getConnection(MARIADB, "root", "");
             Statement s = server.createStatement()) {
            s.execute("create database " + SOURCE_DB + " character set utf8mb4 collate utf8mb4_unicode_ci");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("MariaDB is needed at " + MARIADB + " (root, empty password)", e);
        }
        try (Connection db = DriverManager.getConnection(MARIADB + SOURCE_DB + "?allowMultiQueries=true", "root", "");
             Statement s = db.createStatement()) {
            s.execute(resource("/eyened/schema.sql"));
            try (PreparedStatement users = db.prepareStatement("""
                    insert into Creator (CreatorID, CreatorName, IsHuman, Role, PasswordHash, DateInserted)
                    values (?, ?, ?, ?, ?, ?)""")) {
                addUser(users, 3, "ann", true, 1, OLD_PARAMETERS.hash("ann-old-password"), "2021-03-04 10:00:00");
                addUser(users, 7, "bob", true, null, OLD_PARAMETERS.hash("bob-old-password"), "2022-01-01 09:00:00");
                addUser(users, 9, "model-x", false, null, null, "2022-01-02 09:00:00");
                users.executeBatch();
            }
            s.execute(resource("/eyened/small-world.sql"));
            s.execute("update ImageInstance set ThumbnailPath = '2/carried' where ImageInstanceID = 101");
        }
        Path thumbnails = Files.createDirectories(Files.createTempDirectory("eyened-thumbnails").resolve("2"));
        Files.write(thumbnails.resolve("carried_144.jpg"), SMALL_THUMBNAIL);
        Files.write(thumbnails.resolve("carried_540.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 5, 4, 0});
        platform = MigrationTarget.create(TARGET_DB, "macula.migration.original-thumbnails=" + thumbnails.getParent())
                .asProperties();
    }

    @AfterAll
    static void dropSource() throws Exception {
        try (Connection server = DriverManager.getConnection(MARIADB, "root", "");
             Statement s = server.createStatement()) {
            s.execute("drop database if exists " + SOURCE_DB);
        }
    }

    @Test
    void anEyenedWorldMovesInWithItsIdsUsersAndDatesAndARerunSendsNothingTwice() throws Exception {
        Run first = migrate();
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("ImageInstance").doesNotContain("skipped 1");
        long events = eventCount();
        Run again = migrate();
        assertThat(again.status()).as(again.output()).isZero();
        assertThat(eventCount()).as("a rerun sends nothing twice").isEqualTo(events);

        try (ConfigurableApplicationContext migrated = new SpringApplicationBuilder(MaculaApplication.class)
                .run(withPort())) {
            String url = "http://127.0.0.1:" + migrated.getEnvironment().getProperty("local.server.port");
            assertThat(login(url, "model-x", "")).as("no password in the original: no login").isNull();
            String ann = login(url, "ann", "ann-old-password");
            assertThat(ann).as("ann logs in with her old password").isNotNull();
            assertThat(login(url, "bob", "bob-old-password")).isNotNull();

            JsonNode image = get(url, ann, "/api/instances/101?with_tag_metadata=true");
            assertThat(image.get("id").asLong()).isEqualTo(101);
            assertThat(image.get("dataset_identifier").asText()).isEqualTo("a/b.png");
            assertThat(image.get("laterality").asText()).isEqualTo("L");
            assertThat(image.get("rows").asInt()).isEqualTo(100);
            assertThat(image.get("patient").get("identifier").asText()).isEqualTo("P-Ünï");
            JsonNode tag = image.get("tags").get(0);
            assertThat(tag.get("id").asLong()).isEqualTo(4);
            assertThat(tag.get("tagger").get("name").asText()).as("the tagger, not the tag's creator").isEqualTo("bob");
            assertThat(tag.get("date").asText()).startsWith("2021-06-06T06:06:06");
            assertThat(tag.get("comment").asText()).isEqualTo("nice");

            assertThat(image.get("attributes")).as("image-level values by model; all-NULL values skipped")
                    .isEqualTo(JSON.readTree("""
                            {"quality-model": {"sharpness": 0.81, "verdict": "Très bien", "fovea": {"x": 10, "y": [1, 2]}}}"""));
            assertAttributesAreSearchable(url, ann);
            assertThat(image.get("thumbnail_path").asText()).as("the original's thumbnails, carried").isEqualTo("2/carried");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/instances/thumbnails/2/carried_144.jpg"))
                    .header("Authorization", "Bearer " + ann).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body()).isEqualTo(SMALL_THUMBNAIL);
            assertThat(image.get("cf_roi")).isEqualTo(JSON.readTree("{\"success\": true, \"radius\": 40}"));
            assertThat(image.get("cf_quality").asDouble()).isEqualTo(2.0);
            assertThat(image.get("date_preprocessed").asText()).startsWith("2020-04-01T00:00");
            assertThat(get(url, ann, "/api/segmentations/70").get("creator").get("name").asText()).isEqualTo("bob");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/segmentations/70/data"))
                    .header("Authorization", "Bearer " + ann).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("a segmentation without data, as in the original").isEqualTo(204);
            JsonNode inactive = get(url, ann, "/api/instances/105");
            assertThat(inactive.get("id").asLong()).as("an inactive image stays readable by id").isEqualTo(105);
            JsonNode hidden = JSON.readTree(post(url, ann, "/api/instances/search", """
                    {"conditions": [{"type": "default", "variable": "Image DBID", "operator": "IN",
                                     "value": ["101", "105"]}], "order_by": "Date Inserted"}"""));
            assertThat(hidden.get("result_ids").toString()).as("but leaves searches").isEqualTo("[101]");

            JsonNode task = get(url, ann, "/api/task/9");
            assertThat(task.get("task_state").asText()).isEqualTo("Busy");
            JsonNode subtask = get(url, ann, "/api/subtasks/21");
            assertThat(subtask.get("task_state").asText()).isEqualTo("Ready");
            assertThat(get(url, ann, "/api/form-annotations/32").get("form_data").isArray()).isTrue();
            assertThat(get(url, ann, "/api/form-annotations/33").get("form_data").isNull()).isTrue();

            JsonNode created = get(url, ann, "/api/history/tag/4").get(0);
            assertThat(created.get("at").asText()).as("the original's DateInserted").startsWith("2021-05-05T05:05:05");
            assertThat(created.get("actor").get("name").asText()).as("the tag's creator").isEqualTo("ann");

            String created2 = post(url, ann, "/api/tags", "{\"name\":\"after migration\",\"tag_type\":\"Study\",\"description\":\"d\"}");
            assertThat(JSON.readTree(created2).get("id").asLong()).as("new ids continue after the largest migrated")
                    .isGreaterThan(6);
        }

        Run afterUse = migrate();
        assertThat(afterUse.status()).as("a target with data of its own is refused: " + afterUse.output()).isEqualTo(2);
        assertThat(afterUse.output()).contains("refused");
    }

    /** The migrated values are searched and listed like any others (docs/api.md §4.3, §4.6). */
    private static void assertAttributesAreSearchable(String url, String token) throws Exception {
        String sharp = """
                {"conditions": [{"type": "attribute", "model": "quality-model", "variable": "sharpness",
                                 "operator": ">", "value": 0.8}], "order_by": "Date Inserted"}""";
        JsonNode found = null;
        for (int attempt = 0; attempt < 60; attempt++) { // the search index catches up after the migration
            found = JSON.readTree(post(url, token, "/api/instances/search", sharp));
            if (found.get("result_ids").size() > 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(found.get("result_ids")).as("sharpness 0.81 > 0.8").hasSize(1);
        assertThat(found.get("result_ids").get(0).asLong()).isEqualTo(101);
        JsonNode verdict = JSON.readTree(post(url, token, "/api/instances/search", """
                {"conditions": [{"type": "attribute", "model": "quality-model", "variable": "verdict",
                                 "operator": "==", "value": "TRES BIEN"}], "order_by": "Date Inserted"}"""));
        assertThat(verdict.get("result_ids")).as("text compares as the original's collation: case and accents aside")
                .hasSize(1);
        JsonNode signature = get(url, token, "/api/instances/search/signature");
        List<String> attributes = new ArrayList<>();
        signature.forEach(field -> {
            if (field.get("type").asText().equals("attribute")) {
                attributes.add(field.get("name").asText() + ":" + field.get("values").asText() + ":"
                        + field.get("model").asText() + ":" + field.get("feature").isNull());
            }
        });
        assertThat(attributes).as("JSON attributes are not listed").containsExactly(
                "score:int:quality-model:true", "sharpness:float:quality-model:true", "verdict:string:quality-model:true");
    }

    private static Run migrate() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            status = MigrateCli.migrate(MARIADB + SOURCE_DB, "root", "", out, platform);
        }
        return new Run(status, text.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }

    private static String[] withPort() {
        List<String> arguments = new ArrayList<>();
        for (String property : platform) {
            arguments.add("--" + property);
        }
        arguments.add("--server.port=0");
        return arguments.toArray(String[]::new);
    }

    private static long eventCount() throws Exception {
        try (Connection pg = DriverManager.getConnection(TestDatabase.SERVER + TARGET_DB, TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = pg.createStatement();
             var rs = s.executeQuery("select count(*) from domainevententry where payloadtype not like '%Thumbnails%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void addUser(PreparedStatement users, long id, String name, boolean human, Integer role, String hash,
                                String inserted) throws Exception {
        users.setLong(1, id);
        users.setString(2, name);
        users.setBoolean(3, human);
        users.setObject(4, role);
        users.setString(5, hash);
        users.setString(6, inserted);
        users.addBatch();
    }

    private static String resource(String name) throws Exception {
        try (var in = Objects.requireNonNull(EyenedMigrationTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The access token, or null when the login is refused. */
    private static String login(String url, String user, String password) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("username", user,
                        "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token").asText() : null;
    }

    private static JsonNode get(String url, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String post(String url, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 201);
        return response.body();
    }
}
