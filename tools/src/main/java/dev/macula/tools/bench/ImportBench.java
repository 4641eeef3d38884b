package dev.macula.tools.bench;

import dev.macula.tools.importer.BulkImport;
import dev.macula.tools.synthetic.FundusPhotos;
import dev.macula.projection.imaging.ThumbnailRenderer;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./macula bench import}: import rate through the platform (HTTP, events, read models,
 * thumbnails) against the raw rate of decoding, resizing and encoding the same files in this
 * process with the same renderer — the ratio says what the platform costs on top of the pixel work.
 */
public final class ImportBench {

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int count = Integer.parseInt(options.getOrDefault("--images", "2000"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "2"));
        Path imagesRoot = Path.of(options.getOrDefault("--images-root", System.getenv().getOrDefault("IMAGES_BASEPATH", "/images")));
        Path folder = Files.createDirectories(imagesRoot.resolve("bench-" + System.currentTimeMillis()));

        long seed = 42;
        System.err.printf("generating %d JPEG fundus-like images of 1-2 MP in %s ...%n", count, folder);
        List<Path> files = generate(folder, count, seed);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }

        // MACULA_BENCH_SKIP=raw leaves the raw runs out (to profile the platform side alone); no ratio then
        boolean skipRaw = List.of(System.getenv().getOrDefault("MACULA_BENCH_SKIP", "").split(",")).contains("raw");
        double raw1 = skipRaw ? Double.NaN : raw(files, 1);
        double rawN = skipRaw ? Double.NaN : raw(files, threads);
        System.err.printf("raw decode+resize+encode: %.1f images/s on 1 thread, %.1f images/s on %d threads%n",
                raw1, rawN, threads);

        // MACULA_BENCH_IMPORT_WARM_UP=0 measures a cold platform
        int warmUp = Integer.parseInt(options.getOrDefault("--warm-up",
                System.getenv().getOrDefault("MACULA_BENCH_IMPORT_WARM_UP", String.valueOf(Math.min(300, count / 4)))));
        ImportRuns.warmUp(folder, imagesRoot, options, warmUp, seed + 1, ImportBench::generate);
        BulkImport.Result result = ImportRuns.importFolder(folder, imagesRoot, options);
        double whole = result.importSeconds() + result.thumbnailSeconds();
        double platform = result.imported() / whole;
        System.out.printf("""
                        import benchmark: %d images, %.1f MB of JPEG, 1.0-2.0 MP each, %d CPU cores, platform warmed up with %d
                          raw (same process, same renderer): %.1f images/s on 1 thread, %.1f images/s on %d threads
                          platform import calls:             %.1f images/s (%.1f s for %d images, %d failed)
                          platform incl. thumbnails:         %.1f images/s (%.1f s until the last thumbnail)
                          ratio platform / raw (%d threads):   %.2f
                        """, count, bytes / 1e6, Runtime.getRuntime().availableProcessors(), warmUp, raw1, rawN, threads,
                result.imported() / result.importSeconds(), result.importSeconds(), result.imported(), result.failed(),
                platform, whole, threads, platform / rawN);
        if (!skipRaw) {
            BenchSummary.record("import_images", platform, rawN, "images/s (thumbnails included)", false);
        }
        System.exit(result.failed() == 0 && result.imported() == count ? 0 : 1);
    }

    private static List<Path> generate(Path folder, int count, long seed) throws IOException {
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        for (int i = 0; i < count; i++) {
            double megapixels = 1.0 + random.nextDouble();
            int width = (int) Math.sqrt(megapixels * 1e6 * 4 / 3);
            int height = (int) (width * 3 / 4.0);
            BufferedImage image = FundusPhotos.fundusLike(width, height, random);
            Path patient = Files.createDirectories(folder.resolve("P" + (i / 20)));
            Path file = patient.resolve(String.format("img_%05d_%s.jpg", i, i % 2 == 0 ? "OD" : "OS"));
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            files.add(file);
        }
        writer.dispose();
        return files;
    }

    private static double raw(List<Path> files, int threads) throws Exception {
        return ImportRuns.rawRenderRate(files, threads, new ThumbnailRenderer.Source("ColorFundus", 1, null, null, null, null));
    }
}
