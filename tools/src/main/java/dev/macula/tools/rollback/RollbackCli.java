package dev.macula.tools.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.tools.support.CommandLineOptions;
import dev.macula.tools.support.PlatformClient;
import dev.macula.tools.support.ProgressBar;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./macula rollback --actor NAME --since INSTANT [--until INSTANT] [--apply] [--force]}: rolls
 * back one user's changes on a running platform ({@code POST /api/admin/rollbacks}), follows the job
 * with a progress bar and prints what became of each object. A dry run unless {@code --apply}.
 * Needs MACULA_USERNAME / MACULA_PASSWORD of an admin and MACULA_URL (default http://127.0.0.1:8080).
 */
public final class RollbackCli {

    private static final ObjectMapper JSON = PlatformClient.JSON;
    private static final String USAGE = "usage: ./macula rollback --actor NAME --since INSTANT [--until INSTANT]"
            + " [--apply] [--force]\n  INSTANT: ISO-8601, e.g. 2026-12-06T14:05:20Z (no zone = UTC);"
            + " without --apply nothing changes (a dry run)";

    private RollbackCli() {
    }

    /** The parsed command line. */
    record Options(String actor, String since, String until, boolean apply, boolean force) {

        /** @throws IllegalArgumentException with what is wrong */
        static Options parse(String[] args) {
            Map<String, String> values = CommandLineOptions.parse(args, Set.of("actor", "since", "until"),
                    Set.of("apply", "force"));
            if (!values.containsKey("actor") || !values.containsKey("since")) {
                throw new IllegalArgumentException("--actor and --since are required");
            }
            return new Options(values.get("actor"), values.get("since"), values.get("until"),
                    values.containsKey("apply"), values.containsKey("force"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineOptions.orUsage(() -> Options.parse(args), USAGE);
        PlatformClient client = PlatformClient.loginFromEnvironment("an admin of the platform");
        Long actorId = userId(client, options.actor());
        if (actorId == null) {
            System.err.println("no user named " + options.actor());
            System.exit(1);
        }
        Map<String, Object> body = new HashMap<>(Map.of("actor_id", actorId, "since", options.since(),
                "dry_run", !options.apply(), "force", options.force()));
        if (options.until() != null) {
            body.put("until", options.until());
        }
        HttpResponse<String> started = client.post("/api/admin/rollbacks", body);
        if (started.statusCode() != 202) {
            System.err.println("rollback refused: " + started.statusCode() + " " + started.body());
            System.exit(1);
        }
        String taskId = JSON.readTree(started.body()).get("task_id").asText();
        JsonNode job = follow(client, taskId);
        JsonNode result = JSON.readTree(client.get("/api/admin/rollbacks/" + taskId).body());
        System.out.print(table(result));
        System.out.println(summary(result));
        if (!job.get("state").asText().equals("finished")) {
            System.err.println("rollback " + job.get("state").asText() + ": " + job.path("error").asText());
            System.exit(1);
        }
    }

    private static Long userId(PlatformClient client, String name) throws Exception {
        for (JsonNode user : JSON.readTree(client.get("/api/users").body())) {
            if (user.get("username").asText().equalsIgnoreCase(name)) {
                return user.get("id").asLong();
            }
        }
        return null;
    }

    private static JsonNode follow(PlatformClient client, String taskId) throws Exception {
        ProgressBar bar = new ProgressBar(System.err, System.console() != null, "rollback", "objects");
        while (true) {
            JsonNode job = JSON.readTree(client.get("/api/jobs/" + taskId).body());
            String state = job.get("state").asText();
            boolean over = !state.equals("queued") && !state.equals("running");
            bar.update(job.get("done").asLong(), job.path("total").asLong(0), job.get("failed").asLong(), over);
            if (over) {
                bar.finish();
                return job;
            }
            Thread.sleep(500);
        }
    }

    /** One line per object: outcome, type, id, who changed it later, why it failed. */
    static String table(JsonNode result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"OUTCOME", "TYPE", "ID", "CHANGED LATER BY", "DETAIL"});
        for (JsonNode object : result.get("objects")) {
            List<String> others = new ArrayList<>();
            object.get("other_actors").forEach(actor -> others.add(actor.get("name").asText()));
            rows.add(new String[]{object.get("outcome").asText(), object.get("entity_type").asText(),
                    object.get("entity_id").asText(), String.join(", ", others), object.path("detail").asText("")});
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String summary(JsonNode result) {
        int objects = result.get("objects").size();
        if (result.get("dry_run").asBoolean()) {
            return String.format("dry run: %d objects, %d would be restored, %d conflicts; nothing changed"
                    + " (--apply to restore%s)", objects, result.get("restored").asInt(), result.get("conflicts").asInt(),
                    result.get("force").asBoolean() ? "" : ", --force to restore conflicts too");
        }
        return String.format("%d objects, %d restored, %d conflicts left alone (rollback %s)", objects,
                result.get("restored").asInt(), result.get("conflicts").asInt(), result.get("task_id").asText());
    }
}
