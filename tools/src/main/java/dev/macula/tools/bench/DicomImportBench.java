package dev.macula.tools.bench;

import dev.macula.projection.imaging.ThumbnailRenderer;
import dev.macula.tools.importer.BulkImport;
import dev.macula.tools.synthetic.SyntheticDicom;
import dev.macula.tools.synthetic.SyntheticDicom.Subject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./macula bench import --dicom N}: OCT volumes as devices export them (DICOM, 128 B-scans of
 * 496 × 512, JPEG baseline) imported through the platform — header read at import, every frame
 * decoded for the en-face thumbnail — against the raw work in this process: open, decode every
 * frame, project and write the two thumbnails with the same renderer, on as many threads as the
 * platform's thumbnail processor has. Goal (issue 17): platform / raw ≥ 0.7.
 */
public final class DicomImportBench {

    static final int FRAMES = 128;
    static final int ROWS = 496;
    static final int COLUMNS = 512;
    /** What the platform knows of each volume when it renders: 6 × 6 mm. */
    private static final ThumbnailRenderer.Source OCT_SOURCE = new ThumbnailRenderer.Source("OCT", FRAMES, ROWS,
            COLUMNS, 6.0 / COLUMNS, 6.0 / FRAMES);

    private DicomImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int count = Integer.parseInt(options.getOrDefault("--volumes", "20"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "2"));
        Path imagesRoot = Path.of(options.getOrDefault("--images-root",
                System.getenv().getOrDefault("IMAGES_BASEPATH", "/images")));
        Path folder = Files.createDirectories(imagesRoot.resolve("bench-dicom-" + System.currentTimeMillis()));

        System.err.printf("generating %d OCT volumes (%d x %d x %d, JPEG baseline) in %s ...%n",
                count, FRAMES, ROWS, COLUMNS, folder);
        List<Path> files = generate(folder, count, 0);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }

        raw(files.subList(0, Math.min(2, files.size())), 1); // warm the decoder up
        double raw1 = raw(files, 1);
        double rawN = raw(files, threads);
        System.err.printf("raw open+decode+en-face+thumbnails: %.2f volumes/s on 1 thread, %.2f on %d threads%n",
                raw1, rawN, threads);

        int warmUp = Integer.parseInt(options.getOrDefault("--warm-up", "4"));
        ImportRuns.warmUp(folder, imagesRoot, options, warmUp, 1_000_000,
                (warmFolder, n, first) -> generate(warmFolder, n, (int) first));
        BulkImport.Result result = ImportRuns.importFolder(folder, imagesRoot, options);
        double whole = result.importSeconds() + result.thumbnailSeconds();
        double platform = result.imported() / whole;
        System.out.printf("""
                        DICOM import benchmark: %d OCT volumes of %d x %d x %d (JPEG baseline), %.1f MB, %d CPU cores
                          raw (same process, same reader and renderer): %.2f volumes/s on 1 thread, %.2f on %d threads
                          platform import calls:                        %.2f volumes/s (%.1f s, %d imported, %d failed)
                          platform incl. thumbnails:                    %.2f volumes/s (%.1f s until the last thumbnail)
                          ratio platform / raw (%d threads):              %.2f
                        """, count, FRAMES, ROWS, COLUMNS, bytes / 1e6, Runtime.getRuntime().availableProcessors(),
                raw1, rawN, threads, result.imported() / result.importSeconds(), result.importSeconds(),
                result.imported(), result.failed(), platform, whole, threads, platform / rawN);
        BenchSummary.record("import_dicom", platform, rawN, "volumes/s (en-face thumbnails included)", false);
        System.exit(result.failed() == 0 && result.imported() == count ? 0 : 1);
    }

    /** One patient per four volumes, one series per volume, both eyes. */
    private static List<Path> generate(Path folder, int count, int first) throws Exception {
        List<Path> files = new ArrayList<>(count);
        long run = System.currentTimeMillis();
        for (int i = first; i < first + count; i++) {
            Subject subject = new Subject(String.format("OCT%05d", i / 4), "19500101", i % 3 == 0 ? "M" : "F",
                    "20240101", SyntheticDicom.uid(run, i / 4), SyntheticDicom.uid(run, i / 4, i), i % 2 == 0 ? "R" : "L");
            Path file = folder.resolve(String.format("vol_%05d.dcm", i));
            SyntheticDicom.writeOct(file, subject, SyntheticDicom.uid(run, i / 4, i, 1), FRAMES, ROWS, COLUMNS, i);
            files.add(file);
        }
        return files;
    }

    private static double raw(List<Path> files, int threads) throws Exception {
        return ImportRuns.rawRenderRate(files, threads, OCT_SOURCE);
    }
}
