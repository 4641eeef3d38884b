package dev.macula.api.dicom;

import static org.assertj.core.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Debian's dcmtk and gdcm tools to make fixtures and to read back what they decode, so that the
 * reader is proven against files and pixels it did not write. A missing tool fails the test.
 */
final class DicomTools {

    static final String INSTALL = "apt-get install dcmtk libgdcm-tools";
    private static final Pattern DUMP_LINE =
            Pattern.compile("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) (?:\\[(.*?)\\]|=?(\\S+))\\s+#.*$");

    /** Runs a tool in {@code dir}; fails the test on a missing tool or a non-zero exit. Returns stdout. */
    static String run(Path dir, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("the tool " + command[0] + " is missing: " + INSTALL + " (" + e.getMessage() + ")");
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return fail(String.join(" ", command) + " failed: " + e);
        }
    }

    /** Top-level elements of dcmdump's output: tag "gggg,eeee" (lower case) to value text. */
    static Map<String, String> dump(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run(file.getParent(), "dcmdump", "+L", "-Un", file.toString()).split("\n")) {
            Matcher m = DUMP_LINE.matcher(line);
            if (m.matches()) {
                values.putIfAbsent(m.group(1) + "," + m.group(2), m.group(4) != null ? m.group(4) : m.group(5));
            }
        }
        return values;
    }

    /** The raw pixel data bytes of a native file, as dcmdump writes them. */
    static byte[] rawPixels(Path nativeFile) throws IOException {
        Path dir = Files.createTempDirectory(nativeFile.getParent(), "raw");
        run(dir, "dcmdump", "+W", dir.toString(), nativeFile.toString());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> raw = files.filter(p -> p.toString().endsWith(".raw")).toList();
            if (raw.size() != 1) {
                return fail("dcmdump +W wrote " + raw + " for " + nativeFile);
            }
            return Files.readAllBytes(raw.get(0));
        }
    }

    /** One frame as dcm2pnm renders it (8-bit PGM/PPM), with its extra options. */
    static int[] pnm(Path file, int frame, String... options) throws IOException {
        Path out = file.resolveSibling(file.getFileName() + ".f" + frame + "." + String.join("", options)
                .replaceAll("[^A-Za-z0-9]", "") + ".pnm");
        List<String> command = new ArrayList<>(List.of("dcm2pnm", "+op", "+F", Integer.toString(frame + 1)));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), out.toString()));
        run(file.getParent(), command.toArray(String[]::new));
        return readPnm(Files.readAllBytes(out));
    }

    /** Binary P5/P6 with maxval ≤ 255: the samples. */
    static int[] readPnm(byte[] bytes) {
        int at = 0;
        String[] header = new String[4];
        for (int field = 0; field < 4; field++) {
            while (Character.isWhitespace(bytes[at])) {
                at++;
            }
            int start = at;
            while (!Character.isWhitespace(bytes[at])) {
                at++;
            }
            header[field] = new String(bytes, start, at - start, StandardCharsets.US_ASCII);
        }
        at++;
        int samples = header[0].equals("P6") ? 3 : 1;
        int count = Integer.parseInt(header[1]) * Integer.parseInt(header[2]) * samples;
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = bytes[at + i] & 0xFF;
        }
        return values;
    }

    /** A deterministic test picture: gradients and circles, grey or colour. */
    static BufferedImage picture(int width, int height, boolean colour) {
        BufferedImage image = new BufferedImage(width, height,
                colour ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1);
                int g = y * 255 / Math.max(1, height - 1);
                int b = (x * 7 + y * 3) % 256;
                image.setRGB(x, y, colour ? (r << 16 | g << 8 | b) : ((r + g) / 2) * 0x010101);
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        graphics.setColor(colour ? new Color(220, 30, 60) : Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 3, height / 3);
        graphics.setColor(colour ? new Color(20, 200, 90) : Color.BLACK);
        graphics.drawOval(width / 2, height / 3, width / 3, height / 2);
        graphics.dispose();
        return image;
    }

    /** Little-endian 8- or 16-bit samples of a raw buffer, masked to bitsStored and sign-extended if asked. */
    static int[] samples(byte[] raw, int from, int count, int bitsAllocated, int bitsStored, boolean signed) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            int v = bitsAllocated == 8 ? raw[from + i] & 0xFF
                    : (raw[from + 2 * i] & 0xFF) | (raw[from + 2 * i + 1] & 0xFF) << 8;
            v &= (1 << bitsStored) - 1;
            if (signed && (v & (1 << (bitsStored - 1))) != 0) {
                v -= 1 << bitsStored;
            }
            values[i] = v;
        }
        return values;
    }

    private DicomTools() {
    }
}
