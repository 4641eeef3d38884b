package dev.macula.projection.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;

class PixelBuffersTest {

    @Test
    void aJpegIsDecodedIntoTheKeptArray_withTheSamePixelsAsIntoANewImage() throws IOException {
        byte[] jpeg = jpeg(ThumbnailRendererTest.photo(900, 700, BufferedImage.TYPE_INT_RGB));
        PixelBuffers buffers = new PixelBuffers();
        BufferedImage first = null;
        for (int round = 0; round < 2; round++) {
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in);
                BufferedImage target = buffers.decodeTarget(reader.getImageTypes(0).next(), 900, 700);
                assertThat(target.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestination(target);
                BufferedImage decoded = reader.read(0, param);
                assertThat(decoded).isSameAs(target);
                assertThat(pixels(decoded)).isEqualTo(pixels(ImageIO.read(new ByteArrayInputStream(jpeg))));
                if (first == null) {
                    first = decoded;
                } else {
                    // the second decode reused the first one's array
                    assertThat(((DataBufferByte) decoded.getRaster().getDataBuffer()).getData())
                            .isSameAs(((DataBufferByte) first.getRaster().getDataBuffer()).getData());
                }
                reader.dispose();
            }
        }
    }

    @Test
    void aKeptArrayIsHandedOutBlack_andSmallerImagesUseItsStart() {
        PixelBuffers buffers = new PixelBuffers();
        BufferedImage rgb = buffers.blank(400, 300, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_A);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        fill(rgb);
        BufferedImage again = buffers.blank(200, 100, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_A);
        assertThat(again.getWidth() + "x" + again.getHeight()).isEqualTo("200x100");
        assertThat(black(again)).isTrue();

        BufferedImage grey = buffers.blank(300, 300, BufferedImage.TYPE_BYTE_GRAY, PixelBuffers.STEP_B);
        assertThat(grey.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        fill(grey);
        assertThat(black(buffers.blank(300, 300, BufferedImage.TYPE_BYTE_GRAY, PixelBuffers.STEP_B))).isTrue();
    }

    @Test
    void theSlotsAreSeparateArrays() {
        PixelBuffers buffers = new PixelBuffers();
        BufferedImage a = buffers.blank(100, 100, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_A);
        BufferedImage b = buffers.blank(100, 100, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_B);
        BufferedImage canvas = buffers.blank(100, 100, BufferedImage.TYPE_INT_RGB, PixelBuffers.CANVAS);
        fill(a);
        assertThat(black(b)).isTrue();
        assertThat(black(canvas)).isTrue();
    }

    @Test
    void imagesTooLargeToKeepAreNewEachTime() {
        PixelBuffers buffers = new PixelBuffers();
        int side = (int) Math.sqrt(PixelBuffers.MAX_ARRAY_BYTES / 4.0) + 1;
        BufferedImage first = buffers.blank(side, side, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_A);
        BufferedImage second = buffers.blank(side, side, BufferedImage.TYPE_INT_RGB, PixelBuffers.STEP_A);
        assertThat(second.getRaster().getDataBuffer()).isNotSameAs(first.getRaster().getDataBuffer());
        assertThat(((java.awt.image.DataBufferInt) second.getRaster().getDataBuffer()).getData())
                .isNotSameAs(((java.awt.image.DataBufferInt) first.getRaster().getDataBuffer()).getData());
    }

    @Test
    void thePoolKeepsAtMostTwoIdleSets() {
        PixelBuffers.Pool pool = new PixelBuffers.Pool();
        PixelBuffers a = pool.take();
        PixelBuffers b = pool.take();
        PixelBuffers c = pool.take();
        assertThat(a).isNotSameAs(b).isNotSameAs(c);
        pool.giveBack(a);
        pool.giveBack(b);
        pool.giveBack(c);
        PixelBuffers x = pool.take();
        PixelBuffers y = pool.take();
        PixelBuffers z = pool.take();
        assertThat(java.util.List.of(x, y)).containsExactlyInAnyOrder(a, b);
        assertThat(z).isNotIn(a, b, c);
    }

    private static void fill(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
    }

    private static boolean black(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
