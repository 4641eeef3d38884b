package dev.macula.tools.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers which images of a bulk import are done (one line per image, flushed at once), so an
 * interrupted import resumes where it stopped. The server's de-duplication backs it up: an image
 * imported but not journaled comes back as "already imported" and is skipped.
 */
final class Journal implements AutoCloseable {

    private final Map<String, Long> done = new HashMap<>();
    private final BufferedWriter out;

    Journal(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] parts = line.split("\t");
                if (parts.length == 3) {
                    done.put(parts[1], Long.valueOf(parts[2]));
                }
            }
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    boolean isDone(String image) {
        return done.containsKey(image);
    }

    Long imageId(String image) {
        return done.get(image);
    }

    synchronized void record(String kind, String image, long imageId) {
        try {
            out.write(kind + "\t" + image + "\t" + imageId + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        done.put(image, imageId);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
