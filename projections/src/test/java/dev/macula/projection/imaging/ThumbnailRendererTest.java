package dev.macula.projection.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.macula.projection.imaging.ThumbnailRenderer.Source;

class ThumbnailRendererTest {

    private static final byte[] KEY = "not-so-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path images;

    @TempDir
    Path thumbnails;

    private ThumbnailRenderer renderer() {
        return new ThumbnailRenderer(thumbnails, KEY);
    }

    // ------------------------------------------------------------------ naming

    @Test
    void nameIsTheFirst24HexCharsOfTheHmacOfTheDecimalId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("12345".getBytes(StandardCharsets.UTF_8))).substring(0, 24);

        assertThat(ThumbnailRenderer.thumbnailName(KEY, 12345)).isEqualTo(expected).hasSize(24).matches("[0-9a-f]{24}");
        assertThat(renderer().identifier(14, 12345)).isEqualTo("14/" + expected);
        assertThat(ThumbnailRenderer.thumbnailName(KEY, 12346)).isNotEqualTo(expected);
    }

    @Test
    void knownVector() {
        // python3 -c "import hmac,hashlib;print(hmac.new(b'key',b'1',hashlib.sha256).hexdigest()[:24])"
        assertThat(ThumbnailRenderer.thumbnailName("key".getBytes(StandardCharsets.UTF_8), 1))
                .isEqualTo("6da91fb91517be1f5cdcf3af");
    }

    @Test
    void withoutKeyTheNameIsTheId_andAnEmptyKeyIsAValidHmacKey() {
        assertThat(ThumbnailRenderer.thumbnailName(null, 77)).isEqualTo("77");
        // python3 -c "import hmac,hashlib;print(hmac.new(b'',b'77',hashlib.sha256).hexdigest()[:24])"
        assertThat(ThumbnailRenderer.thumbnailName(new byte[0], 77)).isEqualTo("fa82de02a056a9e4fcc9f4b8");
    }

    // ------------------------------------------------------------------ sizes and format

    @Test
    void wideImageIsScaledToFitBothSizes() throws IOException {
        Path file = png("wide.png", photo(2000, 1000, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 3, 42, Source.unknown());

        assertThat(id).isEqualTo("3/" + ThumbnailRenderer.thumbnailName(KEY, 42));
        assertThat(thumbnail(id, 540)).satisfies(img -> assertSize(img, 540, 270));
        assertThat(thumbnail(id, 144)).satisfies(img -> assertSize(img, 144, 72));
    }

    @Test
    void tallImageKeepsAspect() throws IOException {
        Path file = png("tall.png", photo(300, 1000, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 3, 43, null);
        assertSize(thumbnail(id, 540), 162, 540);
        assertSize(thumbnail(id, 144), 43, 144);
    }

    @Test
    void smallImageIsNeverUpscaled() throws IOException {
        Path file = png("small.png", photo(100, 50, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 3, 44, Source.unknown());
        assertSize(thumbnail(id, 540), 100, 50);
        assertSize(thumbnail(id, 144), 100, 50);
    }

    @Test
    void mediumImageOnlyShrinksForTheSmallSize() throws IOException {
        Path file = png("medium.png", photo(400, 300, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 3, 45, Source.unknown());
        assertSize(thumbnail(id, 540), 400, 300);
        assertSize(thumbnail(id, 144), 144, 108);
    }

    @Test
    void thumbnailsAreProgressiveJpegs() throws IOException {
        Path file = jpeg("photo.jpg", photo(1500, 1000, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 9, 1, Source.unknown());
        for (int size : new int[] {540, 144}) {
            byte[] bytes = Files.readAllBytes(thumbnails.resolve(id + "_" + size + ".jpg"));
            assertThat(startOfFrameMarker(bytes)).as("SOF marker of %d", size).isEqualTo(0xC2);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(img).isNotNull();
            assertThat(img.getColorModel().hasAlpha()).isFalse();
        }
        assertSize(thumbnail(id, 540), 540, 360);
        assertSize(thumbnail(id, 144), 144, 96);
    }

    @Test
    void downscalingAveragesInsteadOfPickingPixels() throws IOException {
        // one-pixel black/white stripes: nearest neighbour gives black or white, averaging grey
        BufferedImage stripes = new BufferedImage(2160, 1080, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) stripes.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i % 2160) % 2 == 0 ? 0 : 255);
        }
        String id = renderer().render(png("stripes.png", stripes), 1, 2, Source.unknown());
        BufferedImage thumb = thumbnail(id, 540);
        assertSize(thumb, 540, 270);
        assertThat(meanGrey(thumb)).isBetween(100.0, 155.0);
    }

    @Test
    void onlyHugeImagesAreSubsampledWhileDecoding() {
        assertThat(ThumbnailRenderer.subsampling(1500, 1000)).isEqualTo(1);
        assertThat(ThumbnailRenderer.subsampling(4000, 3000)).isEqualTo(1);
        assertThat(ThumbnailRenderer.subsampling(3000, 4319)).isEqualTo(1);
        assertThat(ThumbnailRenderer.subsampling(4320, 4320)).isEqualTo(2);
        assertThat(ThumbnailRenderer.subsampling(9000, 6000)).isEqualTo(4);
    }

    @Test
    void argbInputIsFlattenedToRgb() throws IOException {
        BufferedImage argb = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(255, 0, 0, 255));
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        argb.setRGB(0, 0, 0x00ffffff); // one fully transparent pixel
        String id = renderer().render(png("argb.png", argb), 2, 5, Source.unknown());
        BufferedImage thumb = thumbnail(id, 540);
        assertSize(thumb, 540, 405);
        int rgb = thumb.getRGB(270, 200);
        assertThat((rgb >> 16) & 0xff).isGreaterThan(230);
        assertThat((rgb >> 8) & 0xff).isLessThan(30);
        assertThat(thumb.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void greyAndIndexedAndSixteenBitInputsWork() throws IOException {
        BufferedImage grey16 = new BufferedImage(600, 300, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((java.awt.image.DataBufferUShort) grey16.getRaster().getDataBuffer()).getData();
        Arrays.fill(data, (short) 0x8000);
        String id = renderer().render(png("grey16.png", grey16), 2, 6, Source.unknown());
        assertSize(thumbnail(id, 540), 540, 270);
        assertThat(meanGrey(thumbnail(id, 540))).isBetween(120.0, 136.0);

        BufferedImage indexed = new BufferedImage(700, 700, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 700, 700);
        g.dispose();
        String id2 = renderer().render(png("indexed.png", indexed), 2, 7, Source.unknown());
        int rgb = thumbnail(id2, 144).getRGB(72, 72);
        assertThat(rgb & 0xff).isGreaterThan(220);

        String id3 = renderer().render(bmp("grey.bmp", photo(1200, 900, BufferedImage.TYPE_BYTE_GRAY)), 2, 8, Source.unknown());
        assertSize(thumbnail(id3, 540), 540, 405);
    }

    // ------------------------------------------------------------------ volumes

    @Test
    void twelveFrameBinaryVolumeGivesAnEnFaceProjection() throws IOException {
        int frames = 12;
        int rows = 20;
        int columns = 30;
        byte[] voxels = new byte[frames * rows * columns];
        // frame i: column x has value 10*i in the top half and 0 below → mean over rows = 5*i, whatever x
        for (int i = 0; i < frames; i++) {
            for (int y = 0; y < rows / 2; y++) {
                Arrays.fill(voxels, (i * rows + y) * columns, (i * rows + y + 1) * columns, (byte) (10 * i));
            }
        }
        Path file = images.resolve("oct.binary");
        Files.write(file, voxels);

        // a = 1: the projection is (n, w) = 12 rows × 30 columns, not upscaled
        String id = renderer().render(file, 4, 100, new Source("OCT", frames, rows, columns, null, null));
        BufferedImage enFace = thumbnail(id, 540);
        assertSize(enFace, 30, 12);
        assertSize(thumbnail(id, 144), 30, 12);
        // min-max normalised: first frame black, last frame white
        assertThat(enFace.getRaster().getSample(15, 0, 0)).isLessThan(25);
        assertThat(enFace.getRaster().getSample(15, 11, 0)).isGreaterThan(230);

        // a = 2 > 1: width × 2
        String wide = renderer().render(file, 4, 101, new Source("OCT", frames, rows, columns, 0.02, 0.01));
        assertSize(thumbnail(wide, 540), 60, 12);

        // a = 0.1 ≤ 1: height n / a = 120
        String tall = renderer().render(file, 4, 102, new Source("OCT", frames, rows, columns, 0.01, 0.1));
        assertSize(thumbnail(tall, 540), 30, 120);
    }

    @Test
    void shortBinaryVolumeUsesTheMiddleFrame_andSingleFrameIsItself() throws IOException {
        int rows = 40;
        int columns = 60;
        byte[] voxels = new byte[3 * rows * columns];
        Arrays.fill(voxels, 0, rows * columns, (byte) 20);
        Arrays.fill(voxels, rows * columns, 2 * rows * columns, (byte) 140);
        Arrays.fill(voxels, 2 * rows * columns, 3 * rows * columns, (byte) 250);
        Path file = images.resolve("three.binary");
        Files.write(file, voxels);
        String id = renderer().render(file, 4, 200, new Source(null, 3, rows, columns, null, null));
        assertSize(thumbnail(id, 540), 60, 40);
        assertThat(meanGrey(thumbnail(id, 540))).isBetween(135.0, 145.0);

        Path single = images.resolve("one.binary");
        Files.write(single, Arrays.copyOf(voxels, rows * columns));
        String id2 = renderer().render(single, 4, 201, new Source(null, 1, rows, columns, null, null));
        assertThat(meanGrey(thumbnail(id2, 540))).isBetween(15.0, 25.0);
    }

    @Test
    void binaryNeedsRowsAndColumnsThatDivideTheFile() throws IOException {
        Path file = images.resolve("odd.binary");
        Files.write(file, new byte[1000]);
        assertThatThrownBy(() -> renderer().render(file, 4, 300, Source.unknown()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer().render(file, 4, 300, new Source(null, null, 7, 11, null, null)))
                .isInstanceOf(IOException.class);
        assertNoTemporaryFiles();
    }

    @Test
    void threeFrameTiffUsesTheMiddleFrame() throws IOException {
        Path file = multiPageTiff("three.tif", 3, 200, 100, i -> new int[] {20, 140, 250}[i]);
        String id = renderer().render(file, 5, 7, Source.unknown());
        assertSize(thumbnail(id, 540), 200, 100);
        assertSize(thumbnail(id, 144), 144, 72);
        assertThat(meanGrey(thumbnail(id, 540))).isBetween(135.0, 145.0);
    }

    @Test
    void longTiffVolumeGivesAnEnFaceProjection() throws IOException {
        Path file = multiPageTiff("volume.tif", 16, 64, 32, i -> i * 10);
        String id = renderer().render(file, 5, 8, Source.unknown());
        BufferedImage enFace = thumbnail(id, 540);
        assertSize(enFace, 64, 16);
        assertThat(enFace.getRaster().getSample(32, 0, 0)).isLessThan(25);
        assertThat(enFace.getRaster().getSample(32, 15, 0)).isGreaterThan(230);
    }

    // ------------------------------------------------------------------ failures and files

    @Test
    void corruptFileThrows() throws IOException {
        byte[] bytes = Files.readAllBytes(jpeg("ok.jpg", photo(400, 300, BufferedImage.TYPE_INT_RGB)));
        Path headerOnly = images.resolve("header-only.jpg");
        Files.write(headerOnly, Arrays.copyOf(bytes, 200));
        Path truncated = images.resolve("truncated.jpg");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        byte[] pngBytes = Files.readAllBytes(png("ok.png", photo(400, 300, BufferedImage.TYPE_INT_RGB)));
        Path truncatedPng = images.resolve("truncated.png");
        Files.write(truncatedPng, Arrays.copyOf(pngBytes, pngBytes.length / 2));
        Path garbage = images.resolve("garbage.png");
        Files.write(garbage, "definitely not an image".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> renderer().render(garbage, 1, 1, Source.unknown())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> renderer().render(images.resolve("missing.png"), 1, 1, Source.unknown()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> renderer().render(images.resolve("x.dcm"), 1, 1, Source.unknown()))
                .isInstanceOf(IOException.class);
        for (Path file : List.of(headerOnly, truncated, truncatedPng)) {
            assertThatThrownBy(() -> renderer().render(file, 1, 2, Source.unknown()))
                    .as(file.getFileName().toString()).isInstanceOf(IOException.class);
        }
        assertThat(thumbnails.resolve("1")).doesNotExist();
        assertNoTemporaryFiles();
    }

    @Test
    void jsonIsUnsupported() throws IOException {
        Path file = images.resolve("layers.json");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> renderer().render(file, 1, 1, Source.unknown()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(thumbnails.resolve("1")).doesNotExist();
    }

    @Test
    void reRenderingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = png("again.png", photo(900, 600, BufferedImage.TYPE_INT_RGB));
        String first = renderer().render(file, 6, 1, Source.unknown());
        String second = renderer().render(file, 6, 1, Source.unknown());
        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.list(thumbnails.resolve("6"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    first.substring(2) + "_144.jpg", first.substring(2) + "_540.jpg");
        }
        assertNoTemporaryFiles();
    }

    // ------------------------------------------------------------------ colour fundus crop

    @Test
    void colorFundusIsCroppedToTheSquareAroundItsCircle() throws IOException {
        Path file = images.resolve("fundus.jpg");
        Files.write(file, new SyntheticFundus(1000, 750, 520, 380, 330).jpegBytes());
        String id = renderer().render(file, 6, 1, new Source("ColorFundus", 1, null, null, null, null));
        BufferedImage large = thumbnail(id, 540);
        assertSize(large, 540, 540);
        assertSize(thumbnail(id, 144), 144, 144);
        // the circle touches the square's edges at the middles and leaves its corners black
        assertThat(maxChannel(large.getRGB(270, 270))).isGreaterThan(150);
        assertThat(maxChannel(large.getRGB(6, 270))).isGreaterThan(60);
        assertThat(maxChannel(large.getRGB(533, 270))).isGreaterThan(60);
        assertThat(maxChannel(large.getRGB(270, 6))).isGreaterThan(60);
        assertThat(maxChannel(large.getRGB(270, 533))).isGreaterThan(60);
        assertThat(maxChannel(large.getRGB(40, 40))).isLessThan(20);
        assertThat(maxChannel(large.getRGB(500, 500))).isLessThan(20);

        // other modalities keep the whole photo
        String whole = renderer().render(file, 6, 2, new Source("OCT", 1, null, null, null, null));
        assertSize(thumbnail(whole, 540), 540, 405);
    }

    @Test
    void clippedColorFundusIsPaddedToASquare() throws IOException {
        Path file = png("clipped.png", new SyntheticFundus(900, 600, 450, 300, 360).image());
        String id = renderer().render(file, 6, 3, new Source("ColorFundus", 1, null, null, null, null));
        BufferedImage large = thumbnail(id, 540);
        assertSize(large, 540, 540);
        // 60 of 720 px above and below are padding: 45 px at 540
        assertThat(maxChannel(large.getRGB(270, 20))).isLessThan(20);
        assertThat(maxChannel(large.getRGB(270, 520))).isLessThan(20);
        assertThat(maxChannel(large.getRGB(270, 60))).isGreaterThan(60);
    }

    @Test
    void colorFundusWithoutACircleIsNotCropped() throws IOException {
        Path file = png("not-fundus.png", photo(800, 600, BufferedImage.TYPE_INT_RGB));
        String id = renderer().render(file, 6, 4, new Source("ColorFundus", 1, null, null, null, null));
        assertSize(thumbnail(id, 540), 540, 405);
        Path black = png("black.png", new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB));
        assertSize(thumbnail(renderer().render(black, 6, 5, new Source("ColorFundus", 1, null, null, null, null)), 540),
                540, 405);
    }

    @Test
    void aPlausibleCfRoiIsUsedInsteadOfDetection_anImplausibleOneIsNot() throws IOException {
        Path file = png("roi.png", new SyntheticFundus(800, 600, 400, 300, 270).image());
        // CFROI: a circle of radius 100 around the upper left quarter (not where the fundus is)
        FundusCircle roi = new FundusCircle(200, 150, 100, 600, 800);
        String id = renderer().render(file, 6, 6, new Source("ColorFundus", 1, null, null, null, null, roi));
        BufferedImage cropped = thumbnail(id, 540);
        assertSize(cropped, 200, 200); // the 200 px square, never upscaled
        // pixel (100, 100) of the square is image pixel (200, 150)
        BufferedImage original = ImageIO.read(file.toFile());
        assertThat(maxChannel(cropped.getRGB(100, 100))).isCloseTo(maxChannel(original.getRGB(200, 150)),
                org.assertj.core.api.Assertions.within(12));

        // the same bounds recorded for a larger version of the file: detection instead
        FundusCircle other = new FundusCircle(200, 150, 100, 1200, 1600);
        String detected = renderer().render(file, 6, 7, new Source("ColorFundus", 1, null, null, null, null, other));
        assertSize(thumbnail(detected, 540), 540, 540);
    }

    // ------------------------------------------------------------------ png series

    @Test
    void pngSeriesOfTenOrMoreFramesIsAnEnFaceProjection() throws IOException {
        List<Path> frames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            BufferedImage frame = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
            // top half 10·i, bottom half 0 → mean over rows 5·i
            byte[] data = ((java.awt.image.DataBufferByte) frame.getRaster().getDataBuffer()).getData();
            Arrays.fill(data, 0, 30 * 10, (byte) (10 * i));
            frames.add(png("vol_" + i + ".png", frame));
        }
        String id = renderer().renderPngSeries(frames, 7, 1, new Source("OCT", 12, 20, 30, null, null));
        BufferedImage enFace = thumbnail(id, 540);
        assertSize(enFace, 30, 12);
        assertThat(enFace.getRaster().getSample(15, 0, 0)).isLessThan(25);
        assertThat(enFace.getRaster().getSample(15, 11, 0)).isGreaterThan(230);
        // aspect ratio from the resolutions, as for other volumes
        String wide = renderer().renderPngSeries(frames, 7, 2, new Source("OCT", 12, 20, 30, 0.02, 0.01));
        assertSize(thumbnail(wide, 540), 60, 12);
    }

    @Test
    void shortPngSeriesShowsItsMiddleFrame_andFramesMustShareTheirSize() throws IOException {
        List<Path> frames = new ArrayList<>();
        int[] greys = {20, 140, 250};
        for (int i = 0; i < 3; i++) {
            BufferedImage frame = new BufferedImage(60, 40, BufferedImage.TYPE_BYTE_GRAY);
            Arrays.fill(((java.awt.image.DataBufferByte) frame.getRaster().getDataBuffer()).getData(), (byte) greys[i]);
            frames.add(png("short_" + i + ".png", frame));
        }
        String id = renderer().renderPngSeries(frames, 7, 3, Source.unknown());
        assertSize(thumbnail(id, 540), 60, 40);
        assertThat(meanGrey(thumbnail(id, 540))).isBetween(135.0, 145.0);
        assertThat(meanGrey(thumbnail(renderer().renderPngSeries(frames.subList(0, 1), 7, 4, null), 540)))
                .isBetween(15.0, 25.0);

        List<Path> mixed = new ArrayList<>(frames);
        for (int i = 3; i < 10; i++) {
            mixed.add(png("mixed_" + i + ".png", new BufferedImage(i == 9 ? 61 : 60, 40, BufferedImage.TYPE_BYTE_GRAY)));
        }
        assertThatThrownBy(() -> renderer().renderPngSeries(mixed, 7, 5, Source.unknown()))
                .isInstanceOf(IOException.class).hasMessageContaining("frame 9");
    }

    // ------------------------------------------------------------------ reused pixel arrays

    @Test
    void reusedPixelArraysGiveTheSameThumbnailsAsNewOnes() throws IOException {
        // large, then smaller, then larger again; colour, grey, alpha, clipped and padded fundus: every
        // thumbnail byte for byte the one made with new arrays, so nothing of an earlier image shows
        BufferedImage halfTransparent = new BufferedImage(700, 500, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = halfTransparent.createGraphics();
        g.setColor(new Color(0, 200, 0, 90));
        g.fillRect(0, 0, 700, 500);
        g.dispose();
        List<Path> files = List.of(
                jpeg("big.jpg", new SyntheticFundus(1600, 1200, 800, 600, 560).image()),
                png("small.png", photo(300, 200, BufferedImage.TYPE_INT_RGB)),
                png("clipped.png", new SyntheticFundus(900, 600, 450, 300, 360).image()),
                png("alpha.png", halfTransparent),
                jpeg("grey.jpg", photo(1300, 900, BufferedImage.TYPE_BYTE_GRAY)),
                jpeg("wide.jpg", photo(2400, 700, BufferedImage.TYPE_INT_RGB)),
                jpeg("fundus.jpg", new SyntheticFundus(1000, 750, 520, 380, 330).image()));
        ThumbnailRenderer reusing = new ThumbnailRenderer(thumbnails.resolve("reusing"), KEY, true);
        ThumbnailRenderer fresh = new ThumbnailRenderer(thumbnails.resolve("fresh"), KEY, false);
        long id = 1;
        for (int round = 0; round < 2; round++) {
            for (Path file : files) {
                for (String modality : new String[] {"ColorFundus", "OCT"}) {
                    Source source = new Source(modality, 1, null, null, null, null);
                    String made = reusing.render(file, 9, id, source);
                    assertThat(fresh.render(file, 9, id, source)).isEqualTo(made);
                    for (int size : new int[] {ThumbnailRenderer.LARGE, ThumbnailRenderer.SMALL}) {
                        assertThat(Files.readAllBytes(reusing.thumbnailFile(made, size)))
                                .as("%s as %s, %d px, round %d", file.getFileName(), modality, size, round)
                                .isEqualTo(Files.readAllBytes(fresh.thumbnailFile(made, size)));
                    }
                    id++;
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private BufferedImage thumbnail(String identifier, int size) throws IOException {
        Path file = thumbnails.resolve(identifier + "_" + size + ".jpg");
        assertThat(file).exists();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("readable JPEG %s", file).isNotNull();
        return image;
    }

    private static int maxChannel(int rgb) {
        return Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
    }

    private static void assertSize(BufferedImage image, int width, int height) {
        assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(width + "x" + height);
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(thumbnails)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }

    /** Mean grey level; raw samples for 1-channel images (getRGB would apply the linear-grey gamma). */
    private static double meanGrey(BufferedImage image) {
        double sum = 0;
        if (image.getRaster().getNumBands() == 1) {
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    sum += image.getRaster().getSample(x, y, 0);
                }
            }
            return sum / (image.getWidth() * image.getHeight());
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                sum += (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }

    /** The marker byte of the first SOFn segment (0xC0 baseline, 0xC2 progressive). */
    private static int startOfFrameMarker(byte[] jpeg) {
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        int at = 2;
        while (at + 4 <= jpeg.length) {
            assertThat(jpeg[at] & 0xff).isEqualTo(0xFF);
            int marker = jpeg[at + 1] & 0xff;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return marker;
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            at += 2 + length;
        }
        throw new AssertionError("no SOF marker");
    }

    /** A photo-like test image: gradients plus a disc, so JPEG and scaling have work to do. */
    static BufferedImage photo(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(180, 60, 20), width, height, new Color(40, 20, 90)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(250, 160, 60));
        int d = Math.min(width, height) / 2;
        g.fillOval(width / 2 - d / 2, height / 2 - d / 2, d, d);
        g.dispose();
        return image;
    }

    private Path png(String name, BufferedImage image) throws IOException {
        return write(name, "png", image);
    }

    private Path jpeg(String name, BufferedImage image) throws IOException {
        return write(name, "jpeg", image);
    }

    private Path bmp(String name, BufferedImage image) throws IOException {
        return write(name, "bmp", image);
    }

    private Path write(String name, String format, BufferedImage image) throws IOException {
        Path file = images.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for %s", format).isTrue();
        return file;
    }

    private Path multiPageTiff(String name, int pages, int width, int height,
                               java.util.function.IntUnaryOperator greyOfPage) throws IOException {
        Path file = images.resolve(name);
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((java.awt.image.DataBufferByte) frame.getRaster().getDataBuffer()).getData();
            Arrays.fill(data, (byte) greyOfPage.applyAsInt(i));
            frames.add(frame);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), writer.getDefaultWriteParam());
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }
}
