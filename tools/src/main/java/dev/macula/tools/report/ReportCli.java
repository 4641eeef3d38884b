package dev.macula.tools.report;

import dev.macula.tools.support.CommandLineOptions;
import dev.macula.tools.support.PlatformClient;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./macula report task ID [--as-of INSTANT|POSITION] --out report.html}: downloads the task report
 * of a running platform ({@code GET /api/analytics/tasks/{id}/report}) into one self-contained HTML file
 * that opens offline. Needs MACULA_USERNAME / MACULA_PASSWORD of any user and MACULA_URL (default
 * http://127.0.0.1:8080).
 */
public final class ReportCli {

    private static final String USAGE = "usage: ./macula report task ID [--as-of INSTANT|POSITION] --out FILE\n"
            + "  INSTANT: ISO-8601, e.g. 2026-12-06T14:05:20Z (no zone = UTC); POSITION: a global event position";

    private ReportCli() {
    }

    /** The parsed command line. */
    public record Options(long taskId, String asOf, Path out) {

        /** @throws IllegalArgumentException with what is wrong */
        public static Options parse(String[] args) {
            if (args.length < 2 || !args[0].equals("task")) {
                throw new IllegalArgumentException("expected: task ID");
            }
            long taskId;
            try {
                taskId = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a task id: " + args[1]);
            }
            String asOf = null;
            Path out = null;
            for (int i = 2; i < args.length; i++) {
                if (!args[i].equals("--as-of") && !args[i].equals("--out")) {
                    throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                if (args[i].equals("--as-of")) {
                    asOf = args[++i];
                } else {
                    out = Path.of(args[++i]);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            return new Options(taskId, asOf, out);
        }

        String path() {
            return "/api/analytics/tasks/" + taskId + "/report"
                    + (asOf == null ? "" : "?as_of=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineOptions.orUsage(() -> Options.parse(args), USAGE);
        PlatformClient client = PlatformClient.loginFromEnvironment("a user of the platform");
        try {
            System.out.println(download(client, options));
        } catch (IllegalStateException refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the report to {@code options.out()} with the client's credentials; says what it wrote.
     *
     * @throws IllegalStateException "report refused: " with the status and body when refused
     */
    public static String download(PlatformClient client, Options options) throws Exception {
        HttpResponse<String> report = client.get(options.path());
        if (report.statusCode() != 200) {
            throw new IllegalStateException("report refused: " + report.statusCode() + " " + report.body());
        }
        Files.writeString(options.out(), report.body(), StandardCharsets.UTF_8);
        return "wrote " + options.out() + report.headers().firstValue("Macula-As-Of")
                .map(position -> " (as of event position " + position + ")").orElse("");
    }
}
