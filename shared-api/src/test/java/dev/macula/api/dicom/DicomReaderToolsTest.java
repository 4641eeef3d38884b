package dev.macula.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader against files made by dcmtk and gdcm, and against the pixels those tools decode. */
class DicomReaderToolsTest {

    @TempDir
    static Path dir;
    static DicomFixtures fixtures;

    @BeforeAll
    static void makeFixtures() {
        fixtures = new DicomFixtures(dir);
    }

    static Stream<String> readable() {
        return Stream.of("grey-jpeg-baseline", "grey-native", "grey-implicit", "grey-deflated", "grey-jpeg-extended",
                "grey-jpeg-lossless", "grey-jpeg-lossless-sv1", "grey-rle", "grey-j2k",
                "colour-native", "colour-implicit", "colour-deflated", "colour-planar", "colour-jpeg-422",
                "colour-jpeg-444", "colour-jpeg-rgb", "colour-jpeg-odd", "colour-jpeg-lossless", "colour-ybr-native",
                "colour-ybr-rle", "colour-rle", "colour-j2k", "colour-ybr422-native",
                "oct-native", "oct-implicit-undefined", "oct-jpeg-lossless", "oct-jpeg-lossless-fragments",
                "oct-jpeg-lossless-fragments-no-table", "oct-rle", "oct-j2k",
                "volume8-native", "volume8-jpeg-baseline", "volume8-jpeg-fragments-no-table", "mono1-native");
    }

    @ParameterizedTest
    @MethodSource("readable")
    void every_frame_equals_what_the_tools_decode(String name) throws IOException {
        Path file = fixtures.file(name);
        try (DicomImage image = DicomImage.open(file)) {
            DicomHeader header = image.header();
            for (int f = 0; f < image.frames(); f++) {
                DicomFrame frame = image.frame(f);
                assertThat(frame.values()).hasSize(image.rows() * image.columns() * frame.samples());
                int[] expected = frame.samples() == 3 ? colourTruth(file, f)
                        : greyTruth(file, f, header, frame.signed());
                assertThat(difference(frame.values(), expected)).as("%s frame %d", name, f).isEqualTo("none");
            }
        }
    }

    /** Grey: the raw pixel bytes of the tools' own decompression to a native file. */
    private static int[] greyTruth(Path file, int frame, DicomHeader header, boolean signed) throws IOException {
        Path nativeFile = decompressed(file);
        Map<String, String> dump = DicomTools.dump(nativeFile);
        int bitsAllocated = Integer.parseInt(dump.get("0028,0100"));
        int bitsStored = Integer.parseInt(dump.get("0028,0101"));
        int count = header.rows() * header.columns();
        byte[] raw = DicomTools.rawPixels(nativeFile);
        return DicomTools.samples(raw, frame * count * bitsAllocated / 8, count, bitsAllocated, bitsStored, signed);
    }

    /** Colour: dcm2pnm's 8-bit PPM of the tools' decompression (Debian's dcm2pnm decodes no JPEG itself). */
    private static int[] colourTruth(Path file, int frame) throws IOException {
        return DicomTools.pnm(decompressed(file), frame);
    }

    private static Path decompressed(Path file) {
        String name = file.getFileName().toString();
        Path out = file.resolveSibling("decompressed-" + name);
        if (name.contains("jpeg")) {
            DicomTools.run(dir, "dcmdjpeg", name, out.toString());
        } else if (name.contains("rle")) {
            DicomTools.run(dir, "dcmdrle", name, out.toString());
        } else if (name.contains("j2k")) {
            DicomTools.run(dir, "gdcmconv", "--raw", name, out.toString());
        } else {
            return file;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("readable")
    void header_equals_dcmdump(String name) throws IOException {
        Path file = fixtures.file(name);
        Map<String, String> dump = DicomTools.dump(file);
        DicomHeader header = DicomImage.readHeader(file);
        assertThat(header.transferSyntaxUid()).isEqualTo(dump.get("0002,0010"));
        assertThat(header.sopClassUid()).isEqualTo(dump.get("0008,0016"));
        assertThat(header.sopInstanceUid()).isEqualTo(dump.get("0008,0018"));
        assertThat(header.studyInstanceUid()).isEqualTo(dump.get("0020,000d"));
        assertThat(header.seriesInstanceUid()).isEqualTo(dump.get("0020,000e"));
        assertThat(header.patientId()).isEqualTo(dump.get("0010,0020"));
        assertThat(header.photometricInterpretation()).isEqualTo(dump.get("0028,0004"));
        assertThat(header.rows()).isEqualTo(Integer.valueOf(dump.get("0028,0010")));
        assertThat(header.columns()).isEqualTo(Integer.valueOf(dump.get("0028,0011")));
        assertThat(header.samplesPerPixel()).isEqualTo(Integer.valueOf(dump.get("0028,0002")));
        assertThat(header.bitsAllocated()).isEqualTo(Integer.valueOf(dump.get("0028,0100")));
        assertThat(header.bitsStored()).isEqualTo(Integer.valueOf(dump.get("0028,0101")));
        assertThat(header.frames()).isEqualTo(dump.containsKey("0028,0008")
                ? Integer.valueOf(dump.get("0028,0008")) : 1);
        try (DicomImage image = DicomImage.open(file)) {
            assertThat(image.header()).isEqualTo(header);
        }
    }

    @Test
    void frames_decoded_into_one_reused_array_equal_frames_decoded_alone() throws IOException {
        for (String name : new String[]{"volume8-jpeg-baseline", "oct-native", "oct-rle"}) {
            try (DicomImage image = DicomImage.open(fixtures.file(name))) {
                int[] buffer = null;
                for (int i = 0; i < image.frames(); i++) {
                    int[] alone = image.frame(i).values().clone();
                    DicomFrame reused = image.frame(i, buffer);
                    assertThat(reused.values()).as("%s frame %d", name, i).isEqualTo(alone);
                    if (buffer != null && name.contains("jpeg")) {
                        assertThat(reused.values()).as("8-bit JPEG frames land in the given array").isSameAs(buffer);
                    }
                    buffer = reused.values();
                }
            }
        }
    }

    @Test
    void the_oct_volume_header_takes_spacing_from_the_functional_groups() throws IOException {
        for (String name : new String[]{"oct-native", "oct-implicit-undefined", "oct-jpeg-lossless", "oct-j2k"}) {
            DicomHeader header = DicomImage.readHeader(fixtures.file(name));
            assertThat(header.modality()).isEqualTo("OPT");
            assertThat(header.resolutionAxial()).isEqualTo(0.0039);
            assertThat(header.resolutionHorizontal()).isEqualTo(0.0117);
            assertThat(header.resolutionVertical()).isEqualTo(0.047);
            assertThat(header.sliceThickness()).isEqualTo(0.05);
            assertThat(header.laterality()).isEqualTo("R");
            assertThat(header.acquisitionDateTime()).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_000));
            assertThat(header.patientBirthDate()).isEqualTo(LocalDate.of(1970, 1, 2));
            assertThat(header.patientSex()).isEqualTo("M");
            assertThat(header.studyDate()).isEqualTo(LocalDate.of(2024, 1, 30));
            assertThat(header.seriesNumber()).isEqualTo(4);
            assertThat(header.horizontalFieldOfView()).isEqualTo(30.0);
            assertThat(header.manufacturer()).isEqualTo("Macula Test Devices");
            assertThat(header.manufacturerModelName()).isEqualTo("OCT-1");
        }
    }

    @Test
    void a_photograph_header_maps_2d_spacing_dates_and_text() throws IOException {
        DicomHeader header = DicomImage.readHeader(fixtures.file("grey-jpeg-baseline"));
        assertThat(header.resolutionVertical()).isEqualTo(0.01);
        assertThat(header.resolutionHorizontal()).isEqualTo(0.02);
        assertThat(header.resolutionAxial()).isNull();
        assertThat(header.laterality()).isEqualTo("L");
        assertThat(header.patientSex()).isEqualTo("F");
        assertThat(header.acquisitionDateTime()).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30, 250_000_000));
        assertThat(header.studyDescription()).isEqualTo(DicomTools.dump(fixtures.file("grey-jpeg-baseline"))
                .get("0008,1030"));
    }

    @Test
    void display_applies_rescale_and_the_first_window_as_dcm2pnm_does() throws IOException {
        Path file = fixtures.file("oct-native");
        try (DicomImage image = DicomImage.open(file)) {
            for (int f = 0; f < image.frames(); f++) {
                assertThat(difference(grey(image.display(f)), DicomTools.pnm(file, f, "+Wi", "1"))).isEqualTo("none");
            }
        }
    }

    @Test
    void display_without_a_window_is_min_max_and_monochrome1_is_inverted() throws IOException {
        Path file = fixtures.file("mono1-native");
        try (DicomImage image = DicomImage.open(file)) {
            for (int f = 0; f < image.frames(); f++) {
                assertThat(difference(grey(image.display(f)), DicomTools.pnm(file, f, "+Wm"))).isEqualTo("none");
            }
        }
    }

    @Test
    void colour_display_is_the_decoded_rgb() throws IOException {
        try (DicomImage image = DicomImage.open(fixtures.file("colour-jpeg-422"))) {
            BufferedImage display = image.display(0);
            DicomFrame frame = image.frame(0);
            assertThat(display.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            int rgb = display.getRGB(5, 7);
            assertThat(new int[]{rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF})
                    .containsExactly(frame.value(7, 5, 0), frame.value(7, 5, 1), frame.value(7, 5, 2));
        }
    }

    @Test
    void jpeg_ls_and_big_endian_are_refused_with_the_reason() throws IOException {
        assertThatThrownBy(() -> DicomImage.open(fixtures.file("grey-jpeg-ls")))
                .isInstanceOf(DicomException.class).hasMessageContaining("JPEG-LS").hasMessageContaining("not supported");
        assertThatThrownBy(() -> DicomImage.open(fixtures.file("grey-big-endian")))
                .isInstanceOf(DicomException.class).hasMessageContaining("big endian");
        assertThat(DicomImage.readHeader(fixtures.file("grey-jpeg-ls")).rows()).isEqualTo(DicomFixtures.HEIGHT);
    }

    /** "none", or how many values differ, by how much at most, and the first difference. */
    static String difference(int[] actual, int[] expected) {
        if (actual.length != expected.length) {
            return "lengths " + actual.length + " and " + expected.length;
        }
        int count = 0;
        int max = 0;
        int first = -1;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                count++;
                max = Math.max(max, Math.abs(actual[i] - expected[i]));
                first = first < 0 ? i : first;
            }
        }
        return count == 0 ? "none" : count + " of " + actual.length + " differ, at most by " + max + "; first at "
                + first + ": " + actual[first] + " instead of " + expected[first];
    }

    @Test
    void twelve_bit_extended_jpeg_is_refused_with_the_reason() throws IOException {
        try (DicomImage image = DicomImage.open(fixtures.file("oct-jpeg-extended-12"))) {
            assertThatThrownBy(() -> image.frame(0)).isInstanceOf(DicomException.class)
                    .hasMessageContaining("12-bit JPEG extended").hasMessageContaining("not supported");
        }
    }

    private static int[] grey(BufferedImage image) {
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] values = new int[bytes.length];
        Arrays.setAll(values, i -> bytes[i] & 0xFF);
        return values;
    }
}
