package dev.macula.tools.importer;

import dev.macula.tools.support.ProgressBar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./macula import PATH}: bulk import of a folder (one patient per sub-folder) or a CSV
 * manifest through the running platform's API, in parallel, with a live progress bar; interrupt
 * and run again to resume without duplicates. Plain Java, no Spring: it is a client.
 */
public final class BulkImport {

    private static final String USAGE = """
            Usage: ./macula import PATH [options]
              PATH                 a folder below IMAGES_BASEPATH (PATH/<patient>/[<YYYY-MM-DD>/]<image>;
                                   DICOM files anywhere below it: their headers say patient, study, series)
                                   or a CSV manifest (columns project_name, patient_identifier, study_date,
                                   series_id, image, and any PascalCase prop such as Laterality, Modality)
              --project NAME       project of a folder import (default: the folder's name)
              --modality NAME      Modality of a folder import (default ColorFundus; DICOM: from the header)
              --laterality L|R     when file names do not say (_L/_R, OD/OS, left/right)
              --study-date DATE    study date of images not in a YYYY-MM-DD folder (default: server default)
              --workers N          parallel requests (default 4)
              --url URL            the platform (default http://127.0.0.1:${MACULA_HTTP_PORT:-8080})
              --images-root DIR    IMAGES_BASEPATH of the platform (default $IMAGES_BASEPATH or /images)
              --journal FILE       resume journal (default ~/.cache/macula/imports/<hash>.journal)
              --wait-thumbnails    wait until every imported image has its thumbnails, and time that too
              --username NAME      user to import as (default $MACULA_USERNAME, else $ADMIN_USERNAME)
              --password-file F    read the password from F (default $MACULA_PASSWORD, else $ADMIN_PASSWORD)
            """;

    private BulkImport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--wait-thumbnails") || arg.equals("-h") || arg.equals("--help")) {
                options.put(arg, "true");
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else if (arg.startsWith("--")) {
                fail("missing value for " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (options.containsKey("--help") || options.containsKey("-h") || positional.size() != 1) {
            System.err.print(USAGE);
            System.exit(positional.size() == 1 ? 0 : 2);
        }
        System.exit(execute(Path.of(positional.get(0)).toAbsolutePath().normalize(), options).exitCode());
    }

    /** Runs one bulk import with command-line style options (also used by the benchmark). */
    public static Result execute(Path path, Map<String, String> options) throws Exception {
        Map<String, String> env = System.getenv();
        Path imagesRoot = Path.of(options.getOrDefault("--images-root", env.getOrDefault("IMAGES_BASEPATH", "/images")))
                .toAbsolutePath().normalize();
        String url = options.getOrDefault("--url", "http://127.0.0.1:" + env.getOrDefault("MACULA_HTTP_PORT", "8080"));
        String user = options.getOrDefault("--username", env.getOrDefault("MACULA_USERNAME", env.get("ADMIN_USERNAME")));
        String password = options.containsKey("--password-file")
                ? Files.readString(Path.of(options.get("--password-file"))).strip()
                : env.getOrDefault("MACULA_PASSWORD", env.get("ADMIN_PASSWORD"));
        if (user == null || user.isEmpty() || password == null) {
            fail("set MACULA_USERNAME and MACULA_PASSWORD (or ADMIN_USERNAME and ADMIN_PASSWORD)");
        }
        int workers = Integer.parseInt(options.getOrDefault("--workers", "4"));
        if (!Files.exists(path)) {
            fail("no such file or folder: " + path);
        }
        List<ImportItem> items;
        if (Files.isDirectory(path)) {
            Path realRoot = imagesRoot.toRealPath();
            if (!path.toRealPath().startsWith(realRoot)) {
                fail(path + " is not below the images root " + realRoot + " (set --images-root or IMAGES_BASEPATH)");
            }
            items = ImportSources.folder(path.toRealPath(), realRoot, new ImportSources.FolderDefaults(
                    options.getOrDefault("--project", path.getFileName().toString()),
                    options.get("--modality"), options.get("--laterality"),
                    options.get("--study-date")));
        } else {
            items = ImportSources.manifest(path);
        }
        Path journalFile = options.containsKey("--journal") ? Path.of(options.get("--journal"))
                : Path.of(env.getOrDefault("HOME", "."), ".cache", "macula", "imports", hash(path + "|" + url) + ".journal");

        ImportClient client = new ImportClient(url, user, password);
        client.login();
        try (Journal journal = new Journal(journalFile)) {
            return new BulkImport().importAll(items, client, journal, workers, options.containsKey("--wait-thumbnails"),
                    journalFile);
        }
    }

    /** What a bulk import did; {@code thumbnailSeconds} is 0 unless it waited for thumbnails. */
    public record Result(long imported, long skipped, long failed, double importSeconds, double thumbnailSeconds,
                  boolean interrupted) {

        public int exitCode() {
            return interrupted ? 130 : failed > 0 ? 1 : 0;
        }
    }

    private Result importAll(List<ImportItem> items, ImportClient client, Journal journal, int workers,
                             boolean waitThumbnails, Path journalFile) throws InterruptedException {
        List<ImportItem> todo = items.stream().filter(item -> !journal.isDone(item.image())).toList();
        long resumed = items.size() - todo.size();
        System.err.printf("%d images found; %d already done (journal %s); importing %d with %d workers%n",
                items.size(), resumed, journalFile, todo.size(), workers);
        AtomicLong imported = new AtomicLong();
        AtomicLong skipped = new AtomicLong(resumed);
        AtomicLong failed = new AtomicLong();
        Map<String, List<String>> failures = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> newIds = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            main.interrupt();
        });
        Runtime.getRuntime().addShutdownHook(hook);

        ProgressBar bar = new ProgressBar(System.err, System.console() != null, "import");
        Semaphore slots = new Semaphore(workers);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (ImportItem item : todo) {
                if (stopping.get()) {
                    break;
                }
                slots.acquire();
                pool.submit(() -> {
                    try {
                        ImportClient.Outcome outcome = item.problem() != null
                                ? new ImportClient.Outcome(ImportClient.Outcome.Kind.FAILED, null, item.problem())
                                : client.importImage(item);
                        switch (outcome.kind()) {
                            case IMPORTED -> {
                                imported.incrementAndGet();
                                if (!item.image().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                                    newIds.add(outcome.imageId()); // no pixels, no thumbnails to wait for
                                }
                                journal.record("imported", item.image(), outcome.imageId());
                            }
                            case SKIPPED -> {
                                skipped.incrementAndGet();
                                journal.record("skipped", item.image(), outcome.imageId());
                            }
                            case FAILED -> {
                                failed.incrementAndGet();
                                failures.computeIfAbsent(outcome.reason(), r -> new ArrayList<>()).add(item.image());
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                r -> new ArrayList<>()).add(item.image());
                    } finally {
                        slots.release();
                        bar.update(imported.get() + skipped.get() + failed.get(), items.size(), failed.get(), false);
                    }
                });
            }
        } catch (InterruptedException e) {
            stopping.set(true);
        } finally {
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES); // in-flight requests finish and are journaled
        }
        bar.update(imported.get() + skipped.get() + failed.get(), items.size(), failed.get(), true);
        bar.finish();
        double importSeconds = bar.elapsedSeconds();
        double thumbnailSeconds = waitThumbnails && !stopping.get() ? awaitThumbnails(client, new ArrayList<>(newIds)) : 0;

        System.err.printf("%s: imported %d, skipped %d (already imported), failed %d in %.1f s (%.1f images/s)%n",
                stopping.get() ? "Interrupted — run the same command again to resume" : "Done",
                imported.get(), skipped.get(), failed.get(), importSeconds,
                importSeconds > 0 ? imported.get() / importSeconds : 0);
        if (waitThumbnails && thumbnailSeconds > 0) {
            double whole = importSeconds + thumbnailSeconds;
            System.err.printf("thumbnails of all %d new images ready %.1f s after the last import: %.1f s in all, "
                    + "%.1f images/s including thumbnails%n", newIds.size(), thumbnailSeconds, whole, newIds.size() / whole);
        }
        failures.forEach((reason, images) -> {
            System.err.printf("  failed (%d): %s%n", images.size(), reason);
            images.stream().limit(5).forEach(image -> System.err.println("      " + image));
            if (images.size() > 5) {
                System.err.println("      … and " + (images.size() - 5) + " more");
            }
        });
        Runtime.getRuntime().removeShutdownHook(hook);
        return new Result(imported.get(), skipped.get(), failed.get(), importSeconds, thumbnailSeconds, stopping.get());
    }

    /**
     * Waits until every new image has thumbnails (or their generation failed); returns the seconds
     * it waited. Images are checked in id order and only the oldest pending one is polled, so the
     * waiting costs one request per image plus a few per second — not a load on the platform.
     */
    private double awaitThumbnails(ImportClient client, List<Long> ids) throws InterruptedException {
        long start = System.nanoTime();
        List<Long> pending = ids.stream().sorted().toList();
        ProgressBar bar = new ProgressBar(System.err, System.console() != null, "thumbs");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        int ready = 0;
        while (ready < pending.size() && System.nanoTime() < deadline) {
            String path;
            try {
                path = client.thumbnailPath(pending.get(ready));
            } catch (IOException e) {
                path = null;
            }
            if (path != null) {
                ready++;
                bar.update(ready, pending.size(), 0, false);
            } else {
                Thread.sleep(100);
            }
        }
        bar.update(ready, pending.size(), 0, true);
        bar.finish();
        return (System.nanoTime() - start) / 1e9;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fail(String message) {
        System.err.println("macula import: " + message);
        System.exit(2);
    }
}
