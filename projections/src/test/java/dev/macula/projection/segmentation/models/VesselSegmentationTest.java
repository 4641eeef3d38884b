package dev.macula.projection.segmentation.models;

import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synthetic fundus with known vessels (dark curved bands of 3–8 px on an unevenly lit disc, with
 * noise) is segmented, and the mask is scored against the truth.
 */
class VesselSegmentationTest {

    private static final int W = 900;
    private static final int H = 700;

    private record Scene(BufferedImage image, boolean[] truth, boolean[] fov) {
    }

    private static Scene scene(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        boolean[] truth = new boolean[W * H];
        boolean[] fov = new boolean[W * H];
        double cx = W / 2.0;
        double cy = H / 2.0;
        double radius = 330;
        // five vessels: y = base + amplitude * sin(x / period + phase), each with its own width
        double[][] vessels = {{200, 40, 90, 0.3, 8}, {300, 60, 120, 1.1, 6}, {420, 30, 70, 2.0, 5},
                {500, 50, 100, 0.7, 4}, {560, 25, 60, 2.5, 3}};
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double d = Math.hypot(x - cx, y - cy);
                if (d > radius) {
                    continue;
                }
                fov[i] = true;
                double light = 1.0 - 0.35 * (d / radius) + 0.1 * Math.sin(x / 150.0); // uneven illumination
                double green = 130 * light;
                for (double[] v : vessels) {
                    double centre = v[0] + v[1] * Math.sin(x / v[2] + v[3]);
                    if (Math.abs(y - centre) <= v[4] / 2) {
                        truth[i] = true;
                        green -= 45 * light;
                        break;
                    }
                }
                green += random.nextGaussian() * 4;
                int g = (int) Math.max(0, Math.min(255, green));
                int r = (int) Math.max(0, Math.min(255, 200 * light));
                image.setRGB(x, y, r << 16 | g << 8 | g / 3);
            }
        }
        return new Scene(image, truth, fov);
    }

    @Test
    void findsTheVesselsOfASyntheticFundus() {
        Scene scene = scene(7);
        NdArray mask = new VesselSegmentation().segment(scene.image());

        assertThat(mask.dtype()).isEqualTo(DType.UINT8);
        assertThat(mask.shape()).containsExactly(1, H, W);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < W * H; i++) {
            if (!scene.fov()[i]) {
                assertThat(mask.data()[i]).as("nothing outside the field of view").isZero();
                continue;
            }
            boolean predicted = mask.data()[i] != 0;
            boolean actual = scene.truth()[i];
            if (predicted && actual) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }
        double sensitivity = (double) tp / (tp + fn);
        double specificity = (double) tn / (tn + fp);
        double dice = 2.0 * tp / (2.0 * tp + fp + fn);
        System.out.printf("vessels: sensitivity %.3f, specificity %.3f, Dice %.3f%n", sensitivity, specificity, dice);
        assertThat(sensitivity).as("sensitivity").isGreaterThan(0.6);
        assertThat(specificity).as("specificity").isGreaterThan(0.95);
        assertThat(dice).as("Dice").isGreaterThan(0.6);
    }

    @Test
    void aBlackImageHasNoVessels() {
        NdArray mask = new VesselSegmentation().segment(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB));
        assertThat(mask.shape()).containsExactly(1, 100, 200);
        assertThat(mask.data()).containsOnly(0);
    }

    @Test
    void otsuSeparatesTwoPopulations() {
        float[] values = new float[1000];
        boolean[] inside = new boolean[1000];
        for (int i = 0; i < 1000; i++) {
            values[i] = i < 700 ? 0.1f + (i % 10) * 0.001f : 0.9f + (i % 10) * 0.001f;
            inside[i] = true;
        }
        float threshold = VesselSegmentation.otsu(values, inside);
        assertThat(threshold).isBetween(0.109f, 0.9f); // above every low value, below every high one
    }
}
