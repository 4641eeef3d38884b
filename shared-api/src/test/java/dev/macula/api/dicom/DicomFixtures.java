package dev.macula.api.dicom;

import static dev.macula.api.dicom.DicomTools.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The fixtures, made by dcmtk and gdcm from pictures ImageIO writes (and, for multi-frame and 16-bit
 * images, native pixel data this class writes through dcmtk's dump2dcm). Each entry names the file
 * and the commands that made it.
 */
final class DicomFixtures {

    static final int WIDTH = 64;
    static final int HEIGHT = 48;
    static final int FRAMES = 3;

    final Path dir;
    final Map<String, Path> files = new LinkedHashMap<>();

    DicomFixtures(Path dir) {
        this.dir = dir;
        try {
            make();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) {
        return files.get(name);
    }

    private void make() throws IOException {
        ImageIO.write(DicomTools.picture(WIDTH, HEIGHT, false), "jpeg", dir.resolve("grey.jpg").toFile());
        ImageIO.write(DicomTools.picture(WIDTH, HEIGHT, true), "bmp", dir.resolve("colour.bmp").toFile());
        ImageIO.write(DicomTools.picture(WIDTH + 1, HEIGHT, true), "jpeg", dir.resolve("colour.jpg").toFile());

        // grey: JPEG baseline straight from our JPEG, then every other encoding from dcmtk's decompression
        tool("grey-jpeg-baseline", "img2dcm", "grey.jpg", "grey-jpeg-baseline.dcm", "-vlp",
                "-k", "(0010,0020)=P-0001", "-k", "(0008,0060)=XC", "-k", "(0010,0030)=19700102",
                "-k", "(0010,0040)=F", "-k", "(0020,0062)=L", "-k", "(0008,0022)=20240131",
                "-k", "(0008,0032)=101530.25", "-k", "(0028,0030)=0.01\\0.02", "-k", "(0008,1030)=Fundus é");
        tool("grey-native", "dcmdjpeg", "grey-jpeg-baseline.dcm", "grey-native.dcm");
        tool("grey-implicit", "dcmconv", "+ti", "grey-native.dcm", "grey-implicit.dcm");
        tool("grey-deflated", "dcmconv", "+td", "grey-native.dcm", "grey-deflated.dcm");
        tool("grey-jpeg-extended", "dcmcjpeg", "+ee", "grey-native.dcm", "grey-jpeg-extended.dcm");
        tool("grey-jpeg-lossless", "dcmcjpeg", "+el", "grey-native.dcm", "grey-jpeg-lossless.dcm");
        tool("grey-jpeg-lossless-sv1", "dcmcjpeg", "+e1", "grey-native.dcm", "grey-jpeg-lossless-sv1.dcm");
        tool("grey-rle", "dcmcrle", "grey-native.dcm", "grey-rle.dcm");
        tool("grey-j2k", "gdcmconv", "--j2k", "grey-native.dcm", "grey-j2k.dcm");
        tool("grey-jpeg-ls", "dcmcjpls", "grey-native.dcm", "grey-jpeg-ls.dcm");
        tool("grey-big-endian", "dcmconv", "+tb", "grey-native.dcm", "grey-big-endian.dcm");

        // colour: RGB from a BMP, then YBR variants and compressions
        tool("colour-native", "img2dcm", "-i", "BMP", "colour.bmp", "colour-native.dcm", "-k", "(0010,0020)=P-0002");
        tool("colour-implicit", "dcmconv", "+ti", "colour-native.dcm", "colour-implicit.dcm");
        tool("colour-deflated", "dcmconv", "+td", "colour-native.dcm", "colour-deflated.dcm");
        tool("colour-planar", "gdcmconv", "--raw", "--planar-configuration", "1", "colour-native.dcm",
                "colour-planar.dcm");
        tool("colour-jpeg-422", "dcmcjpeg", "+eb", "colour-native.dcm", "colour-jpeg-422.dcm");
        tool("colour-jpeg-444", "dcmcjpeg", "+eb", "+s4", "colour-native.dcm", "colour-jpeg-444.dcm");
        tool("colour-jpeg-rgb", "dcmcjpeg", "+eb", "+cr", "colour-native.dcm", "colour-jpeg-rgb.dcm");
        tool("colour-jpeg-odd", "img2dcm", "colour.jpg", "colour-jpeg-odd.dcm");
        tool("colour-jpeg-lossless", "dcmcjpeg", "+el", "colour-native.dcm", "colour-jpeg-lossless.dcm");
        tool("colour-ybr-native", "dcmdjpeg", "+cn", "colour-jpeg-444.dcm", "colour-ybr-native.dcm");
        tool("colour-ybr-rle", "dcmcrle", "colour-ybr-native.dcm", "colour-ybr-rle.dcm");
        tool("colour-rle", "dcmcrle", "colour-native.dcm", "colour-rle.dcm");
        tool("colour-j2k", "gdcmconv", "--j2k", "colour-native.dcm", "colour-j2k.dcm");
        tool("colour-ybr422-native", "dump2dcm", "--write-xfer-little", ybr422Dump(), "colour-ybr422-native.dcm");

        // 16-bit OCT volume with enhanced functional groups, rescale and window
        tool("oct-native", "dump2dcm", "--write-xfer-little", octDump(), "oct-native.dcm");
        tool("oct-implicit-undefined", "dcmconv", "+ti", "-e", "oct-native.dcm", "oct-implicit-undefined.dcm");
        tool("oct-jpeg-lossless", "dcmcjpeg", "+e1", "oct-native.dcm", "oct-jpeg-lossless.dcm");
        tool("oct-jpeg-lossless-fragments", "dcmcjpeg", "+e1", "+fs", "1", "oct-native.dcm",
                "oct-jpeg-lossless-fragments.dcm");
        tool("oct-jpeg-lossless-fragments-no-table", "dcmcjpeg", "+e1", "+fs", "1", "-ot", "oct-native.dcm",
                "oct-jpeg-lossless-fragments-no-table.dcm");
        tool("oct-jpeg-extended-12", "dcmcjpeg", "+ee", "oct-native.dcm", "oct-jpeg-extended-12.dcm");
        tool("oct-rle", "dcmcrle", "oct-native.dcm", "oct-rle.dcm");
        tool("oct-j2k", "gdcmconv", "--j2k", "oct-native.dcm", "oct-j2k.dcm");

        // 8-bit multi-frame for lossy JPEG, and MONOCHROME1
        tool("volume8-native", "dump2dcm", "--write-xfer-little", volume8Dump("MONOCHROME2"), "volume8-native.dcm");
        tool("volume8-jpeg-baseline", "dcmcjpeg", "+eb", "volume8-native.dcm", "volume8-jpeg-baseline.dcm");
        tool("volume8-jpeg-fragments-no-table", "dcmcjpeg", "+eb", "+fs", "1", "-ot", "volume8-native.dcm",
                "volume8-jpeg-fragments-no-table.dcm");
        tool("mono1-native", "dump2dcm", "--write-xfer-little", volume8Dump("MONOCHROME1"), "mono1-native.dcm");
    }

    private void tool(String name, String... command) {
        run(dir, command);
        files.put(name, dir.resolve(name + ".dcm"));
    }

    private String octDump() throws IOException {
        byte[] raw = new byte[FRAMES * HEIGHT * WIDTH * 2];
        for (int f = 0, i = 0; f < FRAMES; f++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++, i += 2) {
                    int dx = x - WIDTH / 2;
                    int dy = y - HEIGHT / 2 - f * 3;
                    int v = (x * 61 + y * 17 + f * 500) % 3000 + (dx * dx + dy * dy < 150 ? 1000 : 0);
                    raw[i] = (byte) v;
                    raw[i + 1] = (byte) (v >> 8);
                }
            }
        }
        Files.write(dir.resolve("oct.raw"), raw);
        String dump = """
                (0002,0010) UI =LittleEndianExplicit
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.77.1.5.4]
                (0008,0018) UI [1.2.826.0.1.3680043.2.1125.7.1]
                (0008,0020) DA [20240130]
                (0008,002a) DT [20240131101530.123456+0100]
                (0008,0060) CS [OPT]
                (0008,0070) LO [Macula Test Devices ]
                (0008,1090) LO [OCT-1]
                (0010,0020) LO [PAT 7]
                (0010,0030) DA [1970.01.02]
                (0010,0040) CS [M]
                (0020,000d) UI [1.2.826.0.1.3680043.2.1125.7.2]
                (0020,000e) UI [1.2.826.0.1.3680043.2.1125.7.3]
                (0020,0011) IS [4]
                (0020,0062) CS [R]
                (0022,000c) FL 30
                (0028,0002) US 1
                (0028,0004) CS [MONOCHROME2]
                (0028,0008) IS [%d]
                (0028,0010) US %d
                (0028,0011) US %d
                (0028,0100) US 16
                (0028,0101) US 12
                (0028,0102) US 11
                (0028,0103) US 0
                (0028,1050) DS [1500\\900]
                (0028,1051) DS [2000\\500]
                (0028,1052) DS [-100]
                (0028,1053) DS [2]
                (5200,9229) SQ (Sequence with undefined length #=1)
                  (fffe,e000) na (Item with undefined length #=1)
                    (0028,9110) SQ (Sequence with undefined length #=1)
                      (fffe,e000) na (Item with undefined length #=3)
                        (0018,0050) DS [0.05]
                        (0018,0088) DS [0.047]
                        (0028,0030) DS [0.0039\\0.0117]
                      (fffe,e00d) na (ItemDelimitationItem)
                    (fffe,e0dd) na (SequenceDelimitationItem)
                  (fffe,e00d) na (ItemDelimitationItem)
                (fffe,e0dd) na (SequenceDelimitationItem)
                (7fe0,0010) OW =oct.raw
                """.formatted(FRAMES, HEIGHT, WIDTH);
        Files.writeString(dir.resolve("oct.txt"), dump);
        return "oct.txt";
    }

    private String volume8Dump(String photometric) throws IOException {
        byte[] raw = new byte[FRAMES * HEIGHT * WIDTH];
        for (int f = 0, i = 0; f < FRAMES; f++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++, i++) {
                    int dx = x - WIDTH / 3 - f * 4;
                    int dy = y - HEIGHT / 2;
                    raw[i] = (byte) (dx * dx + dy * dy < 120 ? 230 : (x * 3 + y * 2 + f * 20) % 200);
                }
            }
        }
        String name = photometric.toLowerCase();
        Files.write(dir.resolve(name + ".raw"), raw);
        String dump = """
                (0002,0010) UI =LittleEndianExplicit
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7.2]
                (0008,0018) UI [1.2.826.0.1.3680043.2.1125.8.%s]
                (0008,0060) CS [OT]
                (0028,0002) US 1
                (0028,0004) CS [%s]
                (0028,0008) IS [%d]
                (0028,0010) US %d
                (0028,0011) US %d
                (0028,0100) US 8
                (0028,0101) US 8
                (0028,0102) US 7
                (0028,0103) US 0
                (7fe0,0010) OB =%s.raw
                """.formatted(photometric.length(), photometric, FRAMES, HEIGHT, WIDTH, name);
        Files.writeString(dir.resolve(name + ".txt"), dump);
        return name + ".txt";
    }

    /** Native YBR_FULL_422: per pixel pair Y1 Y2 Cb Cr, which no dcmtk tool writes uncompressed. */
    private String ybr422Dump() throws IOException {
        byte[] raw = new byte[HEIGHT * WIDTH * 2];
        for (int y = 0, i = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x += 2, i += 4) {
                raw[i] = (byte) (x * 4);
                raw[i + 1] = (byte) (x * 4 + 2);
                raw[i + 2] = (byte) (40 + y * 4);
                raw[i + 3] = (byte) (220 - x * 2);
            }
        }
        Files.write(dir.resolve("ybr422.raw"), raw);
        String dump = """
                (0002,0010) UI =LittleEndianExplicit
                (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
                (0008,0018) UI [1.2.826.0.1.3680043.2.1125.9.1]
                (0028,0002) US 3
                (0028,0004) CS [YBR_FULL_422]
                (0028,0006) US 0
                (0028,0010) US %d
                (0028,0011) US %d
                (0028,0100) US 8
                (0028,0101) US 8
                (0028,0102) US 7
                (0028,0103) US 0
                (7fe0,0010) OB =ybr422.raw
                """.formatted(HEIGHT, WIDTH);
        Files.writeString(dir.resolve("ybr422.txt"), dump);
        return "ybr422.txt";
    }
}
