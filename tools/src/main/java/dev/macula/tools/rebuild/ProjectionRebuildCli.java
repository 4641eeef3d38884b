package dev.macula.tools.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.tools.support.PlatformClient;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * {@code ./macula rebuild NAME}: starts a rebuild of a projection on a running platform and follows
 * it on the terminal (state, events done, events/s, ETA) until it completes or fails.
 */
public final class ProjectionRebuildCli {

    private static final ObjectMapper JSON = PlatformClient.JSON;

    private ProjectionRebuildCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: ./macula rebuild NAME   (instance-search, study-search, tag-search or read-models;"
                    + " GET /api/admin/projections lists them)");
            System.exit(2);
        }
        String url = System.getenv().getOrDefault("MACULA_URL", "http://127.0.0.1:8080");
        String username = System.getenv("MACULA_USERNAME");
        String password = System.getenv("MACULA_PASSWORD");
        if (username == null || password == null) {
            System.err.println("set MACULA_USERNAME and MACULA_PASSWORD (an admin of the platform)");
            System.exit(2);
        }
        PlatformClient client = new PlatformClient(url, null, null, null);
        try {
            client.login(username, password);
        } catch (IllegalStateException refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        }
        JsonNode before = JSON.readTree(client.get("/api/admin/projections/" + args[0]).body());
        if ("divergent".equals(before.path("status").asText())) {
            // an index filled from another event store (or beyond this one's head): the node rebuilds it itself
            System.out.println(args[0] + " is divergent: " + before.path("reason").asText());
        }
        HttpResponse<String> started = client.post("/api/admin/projections/" + args[0] + "/rebuild", Map.of());
        boolean runningHere = started.statusCode() == 409 && isRunning(before.path("rebuild"));
        if (runningHere) {
            System.out.println("following the rebuild already running (" + before.path("rebuild").path("cause").asText() + ")");
        } else if (started.statusCode() != 200) {
            System.err.println("rebuild refused: " + started.statusCode() + " " + started.body());
            System.exit(1);
        }
        boolean terminal = System.console() != null;
        while (true) {
            Thread.sleep(1000);
            JsonNode status = JSON.readTree(client.get("/api/admin/projections/" + args[0])
                    .body());
            JsonNode rebuild = status.get("rebuild");
            String state = rebuild.get("state").asText();
            String line = String.format("%s%s: %-12s %,d/%,d events  %,d events/s  ETA %s s%s", args[0],
                    "divergent".equals(status.path("status").asText()) ? " (divergent)" : "", state,
                    rebuild.get("events_done").asLong(), rebuild.get("head").asLong(),
                    rebuild.get("events_per_second").asLong(),
                    rebuild.get("eta_seconds").isNull() ? "--" : rebuild.get("eta_seconds").asText(),
                    rebuild.hasNonNull("target_index") ? "  -> " + rebuild.get("target_index").asText() : "");
            System.out.print(terminal ? "\r" + line + "\u001b[K" : line + "\n");
            if (state.equals("completed") || state.equals("failed")) {
                if (terminal) {
                    System.out.println();
                }
                if (state.equals("failed")) {
                    System.err.println("rebuild failed: " + rebuild.get("error").asText());
                    System.exit(1);
                }
                return;
            }
        }
    }

    private static boolean isRunning(JsonNode rebuild) {
        return rebuild.isObject() && !rebuild.path("state").asText().equals("completed")
                && !rebuild.path("state").asText().equals("failed");
    }
}
