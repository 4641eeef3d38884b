package dev.macula.query.segmentation;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The gzip member built by hand: what any gzip reader reads back, framed as GZIPOutputStream frames it. */
class GzipBodyTest {

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEmptyCompressibleAndIncompressibleContent() throws IOException {
        byte[] runs = new byte[1632 * 2464];
        Arrays.fill(runs, 100_000, 900_000, (byte) 1);
        byte[] noise = new byte[3 * 1024 * 1024 + 7]; // worse than 1:8, so the output array has to grow
        new Random(7).nextBytes(noise);
        for (byte[] data : new byte[][]{new byte[0], {42}, runs, noise}) {
            byte[] gzip = GzipBody.of(data);
            assertThat(gunzip(gzip)).isEqualTo(data);
        }
        assertThat(GzipBody.of(runs).length).isLessThan(runs.length / 100);
    }

    @Test
    void theHeaderIsTheOneGzipOutputStreamWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[]{1, 2, 3});
        }
        assertThat(Arrays.copyOf(GzipBody.of(new byte[]{1, 2, 3}), 10)).isEqualTo(Arrays.copyOf(out.toByteArray(), 10));
    }

    @Test
    void piecesMakeOneMemberOfTheirConcatenation() throws IOException {
        byte[] data = new byte[1_000_003];
        new Random(3).nextBytes(data);
        Arrays.fill(data, 1000, 900_000, (byte) 0);
        GzipBody body = new GzipBody(data.length);
        for (int at = 0; at < data.length; at += 65_536) {
            body.write(data, at, Math.min(65_536, data.length - at));
        }
        assertThat(gunzip(body.finish())).isEqualTo(data);
    }
}
