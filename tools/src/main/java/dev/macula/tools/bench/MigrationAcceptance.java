package dev.macula.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.infra.MaculaApplication;
import dev.macula.tools.migrate.MigrateCli;
import dev.macula.tools.migrate.fixture.EyenedFixture;
import dev.macula.tools.migrate.fixture.Seeded;
import dev.macula.tools.migrate.verify.MigrationVerifier;
import dev.macula.tools.migrate.verify.VerificationReport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./macula bench migrate N --verify}: after the timed migration, the rest of issue 16's "done
 * when" on the same generated world: a rerun that must send nothing (events counted before and
 * after), {@code --verify} over every image that must be clean, every seeded user that had a
 * password logging in with it over HTTP, and the attributes showing (an image's {@code attributes},
 * the signature's attribute entries). Prints one line per check; false when any fails.
 */
final class MigrationAcceptance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EyenedFixture source;
    private final Seeded seeded;
    private final String[] platform;
    private final PrintStream out;

    MigrationAcceptance(EyenedFixture source, Seeded seeded, String[] platform, PrintStream out) {
        this.source = source;
        this.seeded = seeded;
        this.platform = platform;
        this.out = out;
    }

    boolean run() throws Exception {
        long before = events();
        long started = System.nanoTime();
        MigrateCli.Result again = MigrateCli.run(source.jdbcUrl(), "root", "", out,
                new MigrateCli.Verification(true, true, new MigrationVerifier.Options(null, 1)), platform);
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = events();
        VerificationReport verified = again.verification();
        List<String> failures = new ArrayList<>();
        check(failures, after == before, "a rerun sends nothing: %,d events before, %,d after", before, after);
        check(failures, verified != null && verified.clean(), "--verify over every image is clean (%s); rerun and"
                + " verification took %.0f s", verified == null ? "refused" : verified.mismatchCounts(), seconds);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MaculaApplication.class)
                .run(arguments())) {
            String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            int loggedIn = 0;
            String token = null;
            for (Map.Entry<String, String> user : seeded.passwords().entrySet()) {
                String issued = token(url, user.getKey(), user.getValue());
                loggedIn += issued == null ? 0 : 1;
                token = token == null ? issued : token;
            }
            check(failures, loggedIn == seeded.passwords().size() && loggedIn > 0,
                    "migrated users log in with their old passwords: %d of %d (%s)", loggedIn,
                    seeded.passwords().size(), seeded.passwordKinds().values().stream().distinct().toList());
            checkAttributes(failures, url, token, app.getBean(JdbcTemplate.class));
        }
        out.println(failures.isEmpty() ? "acceptance: every check passed" : "acceptance: FAILED " + failures);
        return failures.isEmpty();
    }

    private void checkAttributes(List<String> failures, String url, String token, JdbcTemplate target)
            throws Exception {
        List<Long> withValues = target.queryForList("""
                select entity_id from attribute_value where entity_kind = 'image_instance'
                  and coalesce(value_int::text, value_float::text, value_text, value_json) is not null
                order by entity_id limit 1""", Long.class);
        boolean shown = !withValues.isEmpty()
                && get(url, token, "/api/instances/" + withValues.getFirst()).get("attributes").size() > 0;
        check(failures, shown, "attributes show in an image's answer (image %s)", withValues);
        int entries = 0;
        for (var field : get(url, token, "/api/instances/search/signature")) {
            entries += field.get("type").asText().equals("attribute") ? 1 : 0;
        }
        check(failures, entries > 0, "the search signature lists %d attribute entries", entries);
    }

    /** Events in the target, thumbnail outcomes aside (the platform's own work after a start, not the migration's). */
    private static long events() throws Exception {
        Map<String, String> env = System.getenv();
        try (Connection db = DriverManager.getConnection(env.getOrDefault("MACULA_DB_URL",
                        "jdbc:postgresql://127.0.0.1:5432/macula"), env.getOrDefault("MACULA_DB_USER", "postgres"),
                env.getOrDefault("MACULA_DB_PASSWORD", ""));
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select count(*) from domainevententry where payloadtype not like '%Thumbnails%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String[] arguments() {
        List<String> arguments = new ArrayList<>(List.of("--macula.admin-username=", "--macula.admin-password=",
                "--server.port=0", "--spring.main.banner-mode=off"));
        for (String property : platform) {
            arguments.add("--" + property);
        }
        return arguments.toArray(String[]::new);
    }

    private void check(List<String> failures, boolean passed, String what, Object... args) {
        String line = what.formatted(args);
        out.println((passed ? "  ok    " : "  FAIL  ") + line);
        if (!passed) {
            failures.add(line);
        }
    }

    private static String token(String url, String username, String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/api/auth/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username,
                        "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token").asText() : null;
    }

    private static com.fasterxml.jackson.databind.JsonNode get(String url, String token, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
