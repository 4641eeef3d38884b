package dev.macula.tools.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.tools.support.CommandLineOptions;
import dev.macula.tools.support.PlatformClient;
import dev.macula.tools.support.ProgressBar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code ./macula export dataset --project NAME [--task ID] [--as-of INSTANT|POSITION] --out DIR}: a
 * reproducible dataset snapshot from a running platform. Starts the job ({@code POST /api/admin/exports}),
 * follows it with a progress bar, downloads the zip, checks its SHA-256 and unpacks it into DIR.
 * Needs MACULA_USERNAME / MACULA_PASSWORD of an admin and MACULA_URL (default http://127.0.0.1:8080).
 */
public final class DatasetExportCli {

    private static final ObjectMapper JSON = PlatformClient.JSON;
    static final String USAGE = "usage: ./macula export dataset --project NAME [--task ID] [--as-of INSTANT|POSITION]"
            + " --out DIR\n  INSTANT: ISO-8601, e.g. 2026-12-06T14:05:20Z (no zone = UTC); POSITION: an event position"
            + " (a manifest's \"position\"); without --as-of: as of now";

    private DatasetExportCli() {
    }

    /** The parsed command line. */
    public record Options(String project, Long task, String asOf, Path out) {

        /** @throws IllegalArgumentException with what is wrong */
        public static Options parse(String[] args) {
            Map<String, String> values = CommandLineOptions.parse(args, Set.of("project", "task", "as-of", "out"), Set.of());
            if (!values.containsKey("project") || !values.containsKey("out")) {
                throw new IllegalArgumentException("--project and --out are required");
            }
            Long task = null;
            if (values.containsKey("task")) {
                try {
                    task = Long.parseLong(values.get("task"));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--task needs a task id (a number)");
                }
            }
            return new Options(values.get("project"), task, values.get("as-of"), Path.of(values.get("out")));
        }

        Map<String, Object> body() {
            Map<String, Object> body = new HashMap<>(Map.of("project", project));
            if (task != null) {
                body.put("task_id", task);
            }
            if (asOf != null) {
                body.put("as_of", asOf);
            }
            return body;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineOptions.orUsage(() -> Options.parse(args), USAGE);
        PlatformClient client = PlatformClient.loginFromEnvironment("an admin of the platform");
        try {
            JsonNode export = run(client, options, System.console() != null);
            System.out.printf("snapshot of %s as of position %d (%s): %s; unpacked into %s%n",
                    export.get("project").asText(), export.get("position").asLong(),
                    export.path("instant").asText("no events"), export.get("row_counts"), options.out());
        } catch (IllegalStateException failed) {
            System.err.println(failed.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts the export, follows it, downloads, verifies and unpacks the zip; answers the export's final
     * state ({@code GET /api/admin/exports/{id}}).
     *
     * @throws IllegalStateException with what went wrong (refused, failed, a corrupt download)
     */
    public static JsonNode run(PlatformClient client, Options options, boolean terminal) throws Exception {
        HttpResponse<String> started = client.post("/api/admin/exports", options.body());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("export refused: " + started.statusCode() + " " + started.body());
        }
        String taskId = JSON.readTree(started.body()).get("task_id").asText();
        JsonNode export = follow(client, taskId, terminal);
        if (!export.get("state").asText().equals("finished")) {
            throw new IllegalStateException("export " + export.get("state").asText() + ": " + export.path("error").asText());
        }
        HttpResponse<byte[]> zip = client.download("/api/admin/exports/" + taskId + "/download");
        if (zip.statusCode() != 200) {
            throw new IllegalStateException("download failed: " + zip.statusCode());
        }
        if (!sha256(zip.body()).equals(export.get("zip_sha256").asText())) {
            throw new IllegalStateException("the downloaded zip does not match its SHA-256; try again");
        }
        unzip(zip.body(), options.out());
        return export;
    }

    private static JsonNode follow(PlatformClient client, String taskId, boolean terminal) throws Exception {
        ProgressBar bar = new ProgressBar(System.err, terminal, "export", "steps");
        while (true) {
            JsonNode export = JSON.readTree(client.get("/api/admin/exports/" + taskId).body());
            String state = export.get("state").asText();
            boolean over = !state.equals("queued") && !state.equals("running");
            bar.update(export.get("done").asLong(), export.path("total").asLong(0), 0, over);
            if (over) {
                bar.finish();
                return export;
            }
            Thread.sleep(300);
        }
    }

    /** Unpacks the zip into dir (created if needed); refuses entries that would land outside it. */
    static int unzip(byte[] zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("zip entry outside the output directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
                files++;
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
