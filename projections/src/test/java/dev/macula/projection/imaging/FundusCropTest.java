package dev.macula.projection.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.macula.projection.imaging.FundusCrop.Circle;

class FundusCropTest {

    /** Detection tolerance in original pixels (the detection copy is ~2.5× smaller). */
    private static final double TOLERANCE = 3;

    @Test
    void brightVignettedDiscOnBlack() throws IOException {
        assertFound(new SyntheticFundus(800, 600, 410, 300, 270).jpeg(), 410, 300, 270);
    }

    @Test
    void darkUnderexposedFundus() throws IOException {
        assertFound(new SyntheticFundus(800, 600, 395, 305, 260).dim(0.15).jpeg(), 395, 305, 260);
    }

    @Test
    void notchedBorder() throws IOException {
        assertFound(new SyntheticFundus(800, 600, 400, 300, 275).notched().jpeg(), 400, 300, 275);
    }

    @Test
    void flatTopAndBottom() throws IOException {
        assertFound(new SyntheticFundus(800, 600, 400, 300, 280).flat(0.8).jpeg(), 400, 300, 280);
    }

    @Test
    void circleClippedByTheImageEdgeAtTopAndBottom() throws IOException {
        assertFound(new SyntheticFundus(900, 600, 450, 300, 360).jpeg(), 450, 300, 360);
    }

    @Test
    void whiteTextLabelInACorner() throws IOException {
        assertFound(new SyntheticFundus(800, 600, 420, 290, 250).labelled("OD 2024-03-01 45°").jpeg(), 420, 290, 250);
    }

    @Test
    void largePhotoIsDetectedOnTheSmallCopy() throws IOException {
        assertFound(new SyntheticFundus(2400, 1800, 1210, 905, 810).jpeg(), 1210, 905, 810, 6);
    }

    @Test
    void noCircleInAPhotoWithoutBlackBorder_aRectangle_orABlackImage() {
        assertThat(FundusCrop.detect(ThumbnailRendererTest.photo(800, 600, BufferedImage.TYPE_INT_RGB))).isEmpty();
        BufferedImage rectangle = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rectangle.createGraphics();
        g.setColor(new Color(200, 90, 40));
        g.fillRect(150, 100, 500, 400);
        g.dispose();
        assertThat(FundusCrop.detect(rectangle)).isEmpty();
        assertThat(FundusCrop.detect(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB))).isEmpty();
    }

    @Test
    void squareInsideTheImageIsTheDiameterAroundTheCentre() throws IOException {
        BufferedImage image = new SyntheticFundus(800, 600, 410, 300, 270).jpeg();
        BufferedImage square = FundusCrop.square(image, new Circle(410, 300, 270), 1080);
        assertThat(square.getWidth()).isEqualTo(540);
        assertThat(square.getHeight()).isEqualTo(540);
        // the same pixels: the square's centre is the circle's centre
        assertThat(square.getRGB(270, 270)).isEqualTo(image.getRGB(410, 300));
    }

    @Test
    void squareLeavingTheImageIsPaddedWithBlack() throws IOException {
        BufferedImage image = new SyntheticFundus(900, 600, 450, 300, 360).jpeg();
        BufferedImage square = FundusCrop.square(image, new Circle(450, 300, 360), 1080);
        assertThat(square.getWidth()).isEqualTo(720);
        assertThat(square.getHeight()).isEqualTo(720);
        // 60 px of padding above and below the 600 image rows
        assertThat(maxChannel(square.getRGB(360, 20))).isZero();
        assertThat(maxChannel(square.getRGB(360, 700))).isZero();
        assertThat(maxChannel(square.getRGB(360, 70))).isGreaterThan(60);
        assertThat(maxChannel(square.getRGB(360, 360))).isGreaterThan(100);
    }

    @Test
    void cfRoiIsReadFromTheBoundsJson_andFailuresOrGarbageGiveNothing() throws IOException {
        ObjectMapper json = new ObjectMapper();
        FundusCircle circle = FundusCircle.fromCfRoi(json.readTree(
                "{\"hw\": [600, 800], \"center\": [410.5, 300.25], \"radius\": 270.0, \"lines\": {}}"));
        assertThat(circle).isEqualTo(new FundusCircle(410.5, 300.25, 270.0, 600, 800));
        assertThat(circle.plausibleFor(800, 600)).isTrue();
        assertThat(circle.plausibleFor(1600, 1200)).as("bounds of another version of the file").isFalse();
        assertThat(new FundusCircle(410, 300, 270, null, null).plausibleFor(800, 600)).isTrue();
        assertThat(new FundusCircle(900, 300, 270, null, null).plausibleFor(800, 600)).isFalse();
        assertThat(new FundusCircle(400, 300, 20, null, null).plausibleFor(800, 600)).isFalse();

        assertThat(FundusCircle.fromCfRoi(json.readTree("{\"success\": false}"))).isNull();
        assertThat(FundusCircle.fromCfRoi(json.readTree("{\"success\": true, \"radius\": 40}"))).isNull();
        assertThat(FundusCircle.fromCfRoi(json.readTree("{\"center\": [1, 2], \"radius\": -3}"))).isNull();
        assertThat(FundusCircle.fromCfRoi(json.readTree("{\"center\": [\"a\", 2], \"radius\": 3}"))).isNull();
        assertThat(FundusCircle.fromCfRoiText("not json")).isNull();
        assertThat(FundusCircle.fromCfRoiText(null)).isNull();
    }

    private static void assertFound(BufferedImage image, double cx, double cy, double r) {
        assertFound(image, cx, cy, r, TOLERANCE);
    }

    private static void assertFound(BufferedImage image, double cx, double cy, double r, double tolerance) {
        Optional<Circle> found = FundusCrop.detect(image);
        assertThat(found).as("a circle").isPresent();
        assertThat(found.get().cx()).as("cx").isCloseTo(cx, within(tolerance));
        assertThat(found.get().cy()).as("cy").isCloseTo(cy, within(tolerance));
        assertThat(found.get().r()).as("r").isCloseTo(r, within(tolerance));
    }

    private static int maxChannel(int rgb) {
        return Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
    }
}
