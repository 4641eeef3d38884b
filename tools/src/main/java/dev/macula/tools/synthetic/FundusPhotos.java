package dev.macula.tools.synthetic;

import java.awt.image.BufferedImage;
import java.util.Random;

/** Generated pictures that compress and crop like colour fundus photos, for benchmarks and tests. */
public final class FundusPhotos {

    private FundusPhotos() {
    }

    /** A reddish disc with vessel-like texture on black, roughly what a colour fundus photo compresses like. */
    public static BufferedImage fundusLike(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double cx = width / 2.0;
        double cy = height / 2.0;
        double radius = Math.min(width, height) * 0.47;
        int phase = random.nextInt(1000);
        double[] columnWave = new double[width];
        for (int x = 0; x < width; x++) {
            columnWave[x] = Math.sin((x + phase) * 0.05);
        }
        for (int y = 0; y < height; y++) {
            double rowWave = 18 * Math.cos((y - phase) * 0.07);
            double dy = (y - cy) * (y - cy);
            for (int x = 0; x < width; x++) {
                double d = Math.sqrt((x - cx) * (x - cx) + dy) / radius;
                if (d > 1) {
                    continue;
                }
                int noise = (int) (rowWave * columnWave[x]) + random.nextInt(12);
                int r = clamp((int) (200 - 80 * d) + noise);
                int g = clamp((int) (90 - 40 * d) + noise / 2);
                int b = clamp((int) (40 - 20 * d) + noise / 3);
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
