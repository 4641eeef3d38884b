package dev.macula.tools.bench;

import dev.macula.projection.imaging.ThumbnailRenderer;
import dev.macula.tools.importer.BulkImport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The two halves of an import benchmark: the platform's bulk import and the raw renderer rate. */
final class ImportRuns {

    private ImportRuns() {
    }

    /** {@code ./macula import FOLDER --wait-thumbnails} against the platform the benchmark started. */
    static BulkImport.Result importFolder(Path folder, Path imagesRoot, Map<String, String> benchOptions)
            throws Exception {
        Map<String, String> importOptions = new LinkedHashMap<>();
        importOptions.put("--images-root", imagesRoot.toString());
        importOptions.put("--project", folder.getFileName().toString());
        importOptions.put("--workers", benchOptions.getOrDefault("--workers", "4"));
        importOptions.put("--journal", folder.resolveSibling(folder.getFileName() + ".journal").toString());
        importOptions.put("--wait-thumbnails", "true");
        if (benchOptions.containsKey("--url")) {
            importOptions.put("--url", benchOptions.get("--url"));
        }
        return BulkImport.execute(folder, importOptions);
    }

    /** Writes {@code count} generated files into a folder, the first numbered (or seeded) {@code first}. */
    @FunctionalInterface
    interface FolderGenerator {
        List<Path> generate(Path folder, int count, long first) throws Exception;
    }

    /**
     * The raw side is timed on a JVM its own first pass warmed up, while the platform starts cold:
     * {@code count} other files through the platform first (a project of their own, not timed), so
     * both sides are measured warm.
     */
    static void warmUp(Path folder, Path imagesRoot, Map<String, String> benchOptions, int count, long first,
                       FolderGenerator generator) throws Exception {
        if (count <= 0) {
            return;
        }
        Path warmFolder = Files.createDirectories(imagesRoot.resolve(folder.getFileName() + "-warm-up"));
        System.err.printf("warming the platform up with %d files (not timed) ...%n", count);
        generator.generate(warmFolder, count, first);
        importFolder(warmFolder, imagesRoot, benchOptions);
    }

    /** Files per second for decode + both thumbnails, the work the platform's thumbnail processor does. */
    static double rawRenderRate(List<Path> files, int threads, ThumbnailRenderer.Source source) throws Exception {
        Path out = Files.createTempDirectory("macula-bench-raw");
        ThumbnailRenderer renderer = new ThumbnailRenderer(out, "benchmark-secret-key-of-at-least-32-bytes".getBytes());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long id = i + 1L;
                work.add(pool.submit(() -> {
                    renderer.render(file, 1, id, source);
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }
}
