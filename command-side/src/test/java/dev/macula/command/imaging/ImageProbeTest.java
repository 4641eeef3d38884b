package dev.macula.command.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.macula.command.imaging.ImageProbe.Dimensions;

class ImageProbeTest {

    @TempDir
    Path dir;

    @Test
    void png() throws IOException {
        Path file = write("a.png", "png", new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB));
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(200, 300, 1));
    }

    @Test
    void jpeg() throws IOException {
        Path file = write("a.jpg", "jpeg", new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR));
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(480, 640, 1));
    }

    @Test
    void bmp() throws IOException {
        Path file = write("a.bmp", "bmp", new BufferedImage(17, 33, BufferedImage.TYPE_3BYTE_BGR));
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(33, 17, 1));
    }

    @Test
    void extensionDoesNotMatter_contentDoes() throws IOException {
        Path file = write("really-a-png.jpg", "png", new BufferedImage(10, 20, BufferedImage.TYPE_BYTE_GRAY));
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(20, 10, 1));
    }

    @Test
    void multiPageTiffReportsPagesAsFrames() throws IOException {
        Path file = dir.resolve("volume.tif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                writer.writeToSequence(new IIOImage(new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(48, 64, 3));
    }

    @Test
    void singlePageTiff() throws IOException {
        Path file = write("a.tiff", "tiff", new BufferedImage(31, 29, BufferedImage.TYPE_INT_RGB));
        assertThat(ImageProbe.probe(file)).contains(new Dimensions(29, 31, 1));
    }

    @Test
    void corruptFileIsEmpty() throws IOException {
        Path file = dir.resolve("corrupt.png");
        byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.write(file, garbage);
        assertThat(ImageProbe.probe(file)).isEmpty();
    }

    @Test
    void truncatedPngHeaderIsEmpty() throws IOException {
        Path full = write("full.png", "png", new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB));
        Path file = dir.resolve("truncated.png");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(full), 12));
        assertThat(ImageProbe.probe(file)).isEmpty();
    }

    @Test
    void emptyFileIsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jpg"));
        assertThat(ImageProbe.probe(file)).isEmpty();
    }

    @Test
    void jsonIsEmpty() throws IOException {
        Path file = dir.resolve("layers.json");
        Files.writeString(file, "{\"rows\": 10, \"columns\": 20}", StandardCharsets.UTF_8);
        assertThat(ImageProbe.probe(file)).isEmpty();
    }

    @Test
    void binaryAndDicomAreEmptyEvenIfTheBytesWereAnImage() throws IOException {
        Path png = write("x.png", "png", new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY));
        Path binary = Files.copy(png, dir.resolve("volume.binary"));
        Path dicom = Files.copy(png, dir.resolve("image.DCM"));
        assertThat(ImageProbe.probe(binary)).isEmpty();
        assertThat(ImageProbe.probe(dicom)).isEmpty();
    }

    @Test
    void missingFileAndDirectoryAreEmpty() {
        assertThat(ImageProbe.probe(dir.resolve("nope.png"))).isEmpty();
        assertThat(ImageProbe.probe(dir)).isEmpty();
        assertThat(ImageProbe.probe(null)).isEmpty();
    }

    private Path write(String name, String format, BufferedImage image) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for " + format).isTrue();
        return file;
    }
}
