package dev.macula.tools.export;

import dev.macula.tools.support.CommandLineOptions;
import dev.macula.tools.support.PlatformClient;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./macula export events [--after N] [--format ndjson|parquet] [--types A,B] [--entity-type T] --out FILE}:
 * the event export of a running platform ({@code GET /api/admin/events}) into a file — NDJSON as
 * served, or Parquet with typed columns ({@link ParquetEvents}). Lines are written as they arrive;
 * a broken connection resumes after the last complete line (the endpoint's {@code after} is exact),
 * and the file appears under its name only when complete. Progress goes to stderr. Needs
 * MACULA_USERNAME / MACULA_PASSWORD of an admin and MACULA_URL (default http://127.0.0.1:8080).
 */
public final class EventExportCli {

    private static final String USAGE = "usage: ./macula export events [--after POSITION] [--format ndjson|parquet]"
            + " [--types A,B] [--entity-type TYPE] --out FILE\n  --after: export the events after this position"
            + " (default 0: all); --format: default from the file name (.parquet) else ndjson";
    private static final int ATTEMPTS = 5;
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private EventExportCli() {
    }

    /** The parsed command line. */
    record Options(long after, String format, String types, String entityType, Path out) {

        /** @throws IllegalArgumentException with what is wrong */
        static Options parse(String[] args) {
            Map<String, String> values = CommandLineOptions.parse(args,
                    Set.of("after", "format", "types", "entity-type", "out"), Set.of());
            if (!values.containsKey("out")) {
                throw new IllegalArgumentException("--out is required");
            }
            Path out = Path.of(values.get("out"));
            String format = values.getOrDefault("format",
                    out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "ndjson");
            if (!format.equals("ndjson") && !format.equals("parquet")) {
                throw new IllegalArgumentException("--format must be ndjson or parquet, not " + format);
            }
            long after;
            try {
                after = Long.parseLong(values.getOrDefault("after", "0"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--after must be a position (a whole number ≥ 0)");
            }
            if (after < 0) {
                throw new IllegalArgumentException("--after must be ≥ 0");
            }
            return new Options(after, format, values.get("types"), values.get("entity-type"), out);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineOptions.orUsage(() -> Options.parse(args), USAGE);
        PlatformClient client = PlatformClient.loginFromEnvironment("an admin of the platform");
        try {
            long count = export(client, options);
            System.err.printf("%nwrote %,d events to %s (%s)%n", count, options.out(), options.format());
        } catch (IllegalStateException refused) {
            System.err.println();
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    /** Exports as the options say; the number of events written. */
    static long export(PlatformClient client, Options options) throws Exception {
        Path out = options.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path lines = out.resolveSibling("." + out.getFileName() + ".ndjson.part");
        try {
            long count = download(client, options, lines);
            if (options.format().equals("parquet")) {
                System.err.printf("%nwriting Parquet …%n");
                Path parquet = out.resolveSibling("." + out.getFileName() + ".parquet.part");
                try {
                    ParquetEvents.write(lines, parquet);
                    Files.move(parquet, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(parquet);
                }
            } else {
                Files.move(lines, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return count;
        } finally {
            Files.deleteIfExists(lines);
        }
    }

    /** Streams the export into {@code file}, resuming after the last complete line when the connection breaks. */
    private static long download(PlatformClient client, Options options, Path file) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Progress progress = new Progress();
        long after = options.after();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(client.url()
                                + path(options, after))).header("Authorization", "Bearer " + client.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    String body;
                    try (InputStream in = response.body()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    throw new IllegalStateException("export refused: " + response.statusCode() + " " + body);
                }
                try {
                    after = copy(response.body(), writer, after, progress);
                    // the horizon is final: a filtered export resumes there, past events it did not want
                    long horizon = response.headers().firstValueAsLong("Macula-Export-Horizon").orElse(after);
                    System.err.printf("%nexported up to position %d; next time: --after %d", Math.max(after, horizon),
                            Math.max(after, horizon));
                    return progress.count;
                } catch (IOException broken) {
                    if (attempt == ATTEMPTS) {
                        throw broken;
                    }
                    after = progress.last;
                    System.err.printf("%nconnection broken (%s); resuming after position %d%n", broken.getMessage(), after);
                }
            }
        }
    }

    private static String path(Options options, long after) {
        StringBuilder path = new StringBuilder("/api/admin/events?after=").append(after);
        if (options.types() != null) {
            path.append("&types=").append(URLEncoder.encode(options.types(), StandardCharsets.UTF_8));
        }
        if (options.entityType() != null) {
            path.append("&entity_type=").append(URLEncoder.encode(options.entityType(), StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    /**
     * Copies complete lines; the position of the last one copied (so far, when it throws: the
     * {@link IOException} then carries nothing, {@code progress.last} has it).
     */
    private static long copy(InputStream body, Writer writer, long after, Progress progress) throws IOException {
        progress.last = after;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                long position = position(line);
                writer.write(line);
                writer.write('\n');
                progress.advance(position);
            }
        } catch (IOException broken) {
            writer.flush();
            throw new IOException(broken.getMessage() + "; last position " + progress.last, broken);
        }
        return progress.last;
    }

    /** Lines begin {@code {"position":N,}: read without parsing the whole line. */
    static long position(String line) throws IOException {
        String prefix = "{\"position\":";
        int end = line.indexOf(',', prefix.length());
        if (!line.startsWith(prefix) || end < 0) {
            throw new IOException("not an event line: " + line.substring(0, Math.min(80, line.length())));
        }
        return Long.parseLong(line.substring(prefix.length(), end));
    }

    /** Counts and reports to stderr about once a second. */
    private static final class Progress {
        private final long started = System.nanoTime();
        private long reported = started;
        private long count;
        private long last;

        void advance(long position) {
            count++;
            last = position;
            long now = System.nanoTime();
            if (now - reported >= PROGRESS_NANOS) {
                reported = now;
                System.err.printf("\r%,d events, up to position %d (%,.0f events/s)", count, position,
                        count / ((now - started) / 1e9));
            }
        }
    }
}
