package dev.macula.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated tool-made files (byte flips, truncations, huge lengths, inserted bytes): only
 * DicomException may escape, no case allocates more than a bound of the file's size, and none takes
 * long (JJ2000 used to loop forever on some JPEG 2000 mutants; a case runs in its own thread so that a
 * regression fails with its seed instead of hanging the build).
 */
class DicomFuzzTest {

    private static final long SEED = 0x5EED_D1C0L;
    private static final int CASES_PER_FILE = 200;
    /** Decoding expands data: int samples (4 bytes) of an up to 64:1 compressed frame, plus decoder buffers. */
    private static final long BYTES_PER_FILE_BYTE = 2048;
    private static final long CONSTANT_BYTES = 64L << 20;
    /** Far above any case's time (under 0.2 s); only a decoder that no longer ends gets near it. */
    private static final Duration CASE_TIME_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void mutated_files_fail_only_with_a_dicom_exception_and_bounded_allocation() throws IOException {
        DicomFixtures fixtures = new DicomFixtures(dir);
        List<String> names = List.of("grey-native", "grey-implicit", "grey-deflated", "grey-jpeg-baseline",
                "grey-jpeg-lossless", "grey-rle", "colour-planar", "colour-jpeg-422", "colour-rle",
                "oct-native", "oct-implicit-undefined", "oct-jpeg-lossless-fragments-no-table", "oct-rle",
                "volume8-jpeg-fragments-no-table", "grey-j2k", "colour-j2k", "oct-j2k");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(SEED);
        Path mutant = dir.resolve("mutant.dcm");
        int refused = 0;
        int read = 0;
        for (String name : names) {
            byte[] original = Files.readAllBytes(fixtures.file(name));
            for (int c = 0; c < CASES_PER_FILE; c++) {
                long caseSeed = random.nextLong();
                byte[] bytes = mutate(original, new Random(caseSeed));
                Files.write(mutant, bytes);
                Outcome outcome = runCase(mutant, threads);
                String label = "%s mutated with seed %d (run seed %d)".formatted(name, caseSeed, SEED);
                if (outcome == null) {
                    fail("%s still decoding after %s".formatted(label, CASE_TIME_LIMIT));
                }
                if (outcome.escaped() != null) {
                    fail("%s: %s escaped".formatted(label, outcome.escaped()), outcome.escaped());
                }
                if (outcome.refusal() != null) {
                    assertThat(outcome.refusal()).as("reason").isNotBlank();
                    refused++;
                } else {
                    read++;
                }
                long bound = bytes.length * BYTES_PER_FILE_BYTE + CONSTANT_BYTES;
                assertThat(outcome.allocated()).as("%s allocated", label).isLessThan(bound);
            }
        }
        assertThat(refused).as("mutations refused").isGreaterThan(0);
        assertThat(read).as("mutations still read").isGreaterThan(0);
    }

    /** How one case ended: its refusal, or what escaped, and what its thread allocated. */
    private record Outcome(String refusal, Throwable escaped, long allocated) {
    }

    /** Opens and decodes every frame in a thread of its own; null if it has not ended in time. */
    private static Outcome runCase(Path file, com.sun.management.ThreadMXBean threads) {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            String refusal = null;
            Throwable escaped = null;
            try (DicomImage image = DicomImage.open(file)) {
                for (int f = 0; f < image.frames(); f++) {
                    image.display(f);
                }
            } catch (DicomException e) {
                refusal = String.valueOf(e.getMessage());
            } catch (Throwable e) {
                escaped = e;
            }
            outcome.set(new Outcome(refusal, escaped, threads.getCurrentThreadAllocatedBytes() - before));
        }, "fuzz-case");
        worker.setDaemon(true); // a case that never ends must not keep the test JVM alive
        worker.start();
        try {
            worker.join(CASE_TIME_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome.get();
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int kind = random.nextInt(5);
        int at = 128 + random.nextInt(bytes.length - 128);
        switch (kind) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    int p = 132 + random.nextInt(bytes.length - 132);
                    bytes[p] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
            case 2 -> {
                // a length field somewhere: four bytes of 0xFF or a big number
                int p = Math.min(at, bytes.length - 4);
                int value = random.nextBoolean() ? -1 : random.nextInt(Integer.MAX_VALUE);
                for (int i = 0; i < 4; i++) {
                    bytes[p + i] = (byte) (value >>> (8 * i));
                }
            }
            case 3 -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                byte[] grown = new byte[bytes.length + inserted.length];
                System.arraycopy(bytes, 0, grown, 0, at);
                System.arraycopy(inserted, 0, grown, at, inserted.length);
                System.arraycopy(bytes, at, grown, at + inserted.length, bytes.length - at);
                bytes = grown;
            }
            default -> {
                // Rows/Columns/NumberOfFrames-like two-byte values set to the maximum
                int p = Math.min(at, bytes.length - 2);
                bytes[p] = (byte) 0xFF;
                bytes[p + 1] = (byte) 0xFF;
            }
        }
        return bytes;
    }
}
