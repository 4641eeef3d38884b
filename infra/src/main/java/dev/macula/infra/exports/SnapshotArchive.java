package dev.macula.infra.exports;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.macula.api.voxels.BlobStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The last steps of a snapshot: {@code manifest.json} (sorted keys, the SHA-256 of every other file)
 * and the zip of the directory, with entries in name order and one fixed time, so the same files give
 * the same zip bytes.
 */
final class SnapshotArchive {

    static final String MANIFEST = "manifest.json";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SnapshotArchive() {
    }

    /** Writes the manifest: {@code fields} plus {@code files} (relative path → SHA-256 hex). */
    static void manifest(Path dir, Map<String, Object> fields) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : files(dir, false)) {
            files.put(name, BlobStore.sha256(Files.readAllBytes(dir.resolve(name))));
        }
        Map<String, Object> manifest = new TreeMap<>(fields);
        manifest.put("files", files);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        byte[] text = JSON.writer(printer).writeValueAsBytes(manifest);
        try (OutputStream out = Files.newOutputStream(dir.resolve(MANIFEST))) {
            out.write(text);
            out.write('\n');
        }
    }

    /** Zips every file of {@code dir} into {@code zip}. */
    static void zip(Path dir, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(6);
            for (String name : files(dir, true)) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(ENTRY_TIME);
                out.putNextEntry(entry);
                Files.copy(dir.resolve(name), out);
                out.closeEntry();
            }
        }
    }

    /** Relative paths ('/'-separated) of the files under dir, sorted; the manifest only if asked. */
    private static List<String> files(Path dir, boolean withManifest) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(path -> dir.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> withManifest || !name.equals(MANIFEST))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
