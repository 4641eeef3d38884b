package dev.macula.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG 2000 codestreams that sent JJ2000 into endless loops: before the guard and the screen these
 * tests never ended (the time limits only keep a regression from hanging the build).
 */
class Jpeg2000HostileTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static DicomFixtures fixtures;

    @BeforeAll
    static void makeFixtures() {
        fixtures = new DicomFixtures(dir);
    }

    @Test
    void the_fuzz_mutant_that_spun_in_readPktHead_is_refused() throws IOException {
        // DicomFuzzTest's mutation (seed from its run) put 0xFF 0xFF into a packet header
        byte[] mutant = DicomFuzzTest.mutate(Files.readAllBytes(fixtures.file("oct-j2k")),
                new Random(2000047020410820100L));
        Path file = Files.write(dir.resolve("mutant.dcm"), mutant);
        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> {
            try (DicomImage image = DicomImage.open(file)) {
                for (int f = 0; f < image.frames(); f++) {
                    image.display(f);
                }
            }
        }).isInstanceOf(DicomException.class).hasMessageContaining("two 0xFF bytes in a row"));
    }

    @Test
    void codestreams_cut_inside_their_packets_end_quickly() throws IOException {
        byte[] codestream = codestream(Files.readAllBytes(fixtures.file("grey-j2k")));
        PixelLayout layout = new PixelLayout(DicomFixtures.HEIGHT, DicomFixtures.WIDTH, 1, 8, 8, false,
                PixelLayout.MONOCHROME2, false, 1);
        int overruns = assertTimeoutPreemptively(LIMIT, () -> {
            int count = 0;
            try (ImageIoDecoder decoder = ImageIoDecoder.jpeg2000()) {
                for (int length = 150; length < codestream.length; length += 3) {
                    try {
                        decoder.decode(Arrays.copyOf(codestream, length), layout, false, null);
                    } catch (DicomException e) {
                        // JJ2000 reads the bytes after the end as all ones, forever, when cut in a packet header
                        count += e.getMessage().contains("kept reading past the end") ? 1 : 0;
                    }
                }
            }
            return count;
        });
        assertThat(overruns).as("cuts ended by the guard").isGreaterThan(0);
    }

    @Test
    void packed_packet_headers_and_impossible_tile_counts_are_refused() throws IOException {
        byte[] codestream = codestream(Files.readAllBytes(fixtures.file("grey-j2k")));
        PixelLayout layout = new PixelLayout(DicomFixtures.HEIGHT, DicomFixtures.WIDTH, 1, 8, 8, false,
                PixelLayout.MONOCHROME2, false, 1);

        byte[] tiny = codestream.clone();
        // SIZ: XTsiz and YTsiz (bytes 24-31 of the codestream) set to 1, one tile per pixel
        tiny[27] = 1;
        tiny[31] = 1;
        Arrays.fill(tiny, 24, 27, (byte) 0);
        Arrays.fill(tiny, 28, 31, (byte) 0);
        assertThatThrownBy(() -> Jpeg2000Screen.check(tiny, layout)).hasMessageContaining("3072 tiles");

        // an empty PPM marker segment right after SIZ (whose length is at bytes 4-5)
        int afterSiz = 4 + ((codestream[4] & 0xFF) << 8 | codestream[5] & 0xFF);
        byte[] packed = new byte[codestream.length + 5];
        System.arraycopy(codestream, 0, packed, 0, afterSiz);
        System.arraycopy(new byte[]{(byte) 0xFF, 0x60, 0, 3, 0}, 0, packed, afterSiz, 5);
        System.arraycopy(codestream, afterSiz, packed, afterSiz + 5, codestream.length - afterSiz);
        assertThatThrownBy(() -> Jpeg2000Screen.check(packed, layout)).hasMessageContaining("PPM/PPT");

        Jpeg2000Screen.check(codestream, layout);
    }

    /** The single-fragment codestream of a gdcm-made file: from its SOC marker to its EOC marker. */
    private static byte[] codestream(byte[] file) {
        int start = 0;
        while (!(file[start] == (byte) 0xFF && file[start + 1] == 0x4F && file[start + 2] == (byte) 0xFF)) {
            start++;
        }
        int end = file.length - 2;
        while (!(file[end] == (byte) 0xFF && file[end + 1] == (byte) 0xD9)) {
            end--;
        }
        return Arrays.copyOfRange(file, start, end + 2);
    }
}
