package dev.macula.projection.segmentation.models;

import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;

/**
 * Retinal vessel segmentation of colour fundus photographs, the classical way: the green channel
 * (where vessels contrast best), background flattening by subtracting a large-scale blur, multiscale
 * Hessian vesselness after Frangi et al. (1998) for dark tubular structures, Otsu's threshold inside
 * the field of view, and removal of small specks. Scales follow the image size, so 1–12 MP photos
 * behave alike. Output: {@code (1, H, W)} uint8, 1 = vessel (Binary, R8UI).
 */
public final class VesselSegmentation implements SegmentationModel {

    private static final double BETA = 0.5;
    /** Scales in pixels for a ~1000 px wide field of view; multiplied by the actual size ratio. */
    private static final double[] BASE_SIGMAS = {1.0, 2.0, 3.0};

    @Override
    public String name() {
        return "macula-vessels-frangi";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String featureName() {
        return "Vessels";
    }

    @Override
    public String dataRepresentation() {
        return "Binary";
    }

    @Override
    public String dataType() {
        return "R8UI";
    }

    @Override
    public NdArray segment(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] green = new float[width * height];
        boolean[] fov = new boolean[width * height];
        int fovCount = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int red = rgb >> 16 & 0xff;
                green[y * width + x] = (rgb >> 8 & 0xff) / 255f;
                // the fundus is the bright disc; outside it the camera sees black
                if (red > 25) {
                    fov[y * width + x] = true;
                    fovCount++;
                }
            }
        }
        byte[] mask = new byte[width * height];
        if (fovCount < 100) {
            return new NdArray(DType.UINT8, new int[]{1, height, width}, mask);
        }
        fov = erode(fov, width, height, Math.max(2, (int) Math.round(Math.sqrt(fovCount) * 0.01)));
        double scale = Math.sqrt(fovCount / (Math.PI / 4)) / 1000.0; // FOV diameter relative to 1000 px

        // flatten illumination: vessels stand out as dark against the local background
        float[] background = gaussian(green, width, height, Math.max(4, 15 * scale));
        float[] flat = new float[green.length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = fov[i] ? green[i] - background[i] : 0;
        }

        float[] vesselness = new float[green.length];
        for (double base : BASE_SIGMAS) {
            double sigma = Math.max(0.7, base * scale);
            float[] smooth = gaussian(flat, width, height, sigma);
            double c = 0;
            float[][] hessian = hessian(smooth, width, height);
            for (int i = 0; i < smooth.length; i++) {
                c = Math.max(c, Math.hypot(Math.hypot(hessian[0][i], hessian[1][i]), hessian[2][i]));
            }
            c = Math.max(c * 0.5, 1e-6) * sigma * sigma;
            for (int i = 0; i < smooth.length; i++) {
                if (!fov[i]) {
                    continue;
                }
                double xx = hessian[0][i] * sigma * sigma;
                double yy = hessian[1][i] * sigma * sigma;
                double xy = hessian[2][i] * sigma * sigma;
                double root = Math.sqrt((xx - yy) * (xx - yy) + 4 * xy * xy);
                double l1 = (xx + yy + root) / 2;
                double l2 = (xx + yy - root) / 2;
                if (Math.abs(l1) < Math.abs(l2)) {
                    double t = l1;
                    l1 = l2;
                    l2 = t;
                }
                // |l1| >= |l2|; a dark vessel has a large positive curvature across it
                if (l1 <= 0) {
                    continue;
                }
                double rb = l2 / l1;
                double s2 = l1 * l1 + l2 * l2;
                double v = Math.exp(-rb * rb / (2 * BETA * BETA)) * (1 - Math.exp(-s2 / (2 * c * c)));
                vesselness[i] = (float) Math.max(vesselness[i], v);
            }
        }

        float threshold = otsu(vesselness, fov);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (fov[i] && vesselness[i] > threshold ? 1 : 0);
        }
        removeSmallComponents(mask, width, height, (int) Math.max(10, 60 * scale * scale));
        return new NdArray(DType.UINT8, new int[]{1, height, width}, mask);
    }

    /** Separable Gaussian blur with a kernel of ±3σ, clamped at the borders. */
    static float[] gaussian(float[] source, int width, int height, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] rows = new float[source.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.min(width - 1, Math.max(0, x + k));
                    acc += kernel[k + radius] * source[row + xx];
                }
                rows[row + x] = acc;
            }
        }
        float[] out = new float[source.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.min(height - 1, Math.max(0, y + k));
                    acc += kernel[k + radius] * rows[yy * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }

    /** Second derivatives by central differences: {Ixx, Iyy, Ixy}. */
    static float[][] hessian(float[] image, int width, int height) {
        float[] xx = new float[image.length];
        float[] yy = new float[image.length];
        float[] xy = new float[image.length];
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                xx[i] = image[i - 1] - 2 * image[i] + image[i + 1];
                yy[i] = image[i - width] - 2 * image[i] + image[i + width];
                xy[i] = (image[i - width - 1] + image[i + width + 1] - image[i - width + 1] - image[i + width - 1]) / 4;
            }
        }
        return new float[][]{xx, yy, xy};
    }

    /** Otsu's threshold of the values inside the mask (256 bins between their min and max). */
    static float otsu(float[] values, boolean[] inside) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < values.length; i++) {
            if (inside[i]) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }
        if (max <= min) {
            return max;
        }
        long[] histogram = new long[256];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            if (inside[i]) {
                histogram[Math.min(255, (int) ((values[i] - min) / (max - min) * 255))]++;
                total++;
            }
        }
        double sumAll = 0;
        for (int b = 0; b < 256; b++) {
            sumAll += b * (double) histogram[b];
        }
        double sumBelow = 0;
        long below = 0;
        double best = -1;
        int bestBin = 0;
        for (int b = 0; b < 256; b++) {
            below += histogram[b];
            if (below == 0) {
                continue;
            }
            long above = total - below;
            if (above == 0) {
                break;
            }
            sumBelow += b * (double) histogram[b];
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                bestBin = b;
            }
        }
        return min + (bestBin + 1) / 255f * (max - min); // upper edge: the bin itself counts as below
    }

    private static boolean[] erode(boolean[] mask, int width, int height, int radius) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean keep = mask[y * width + x];
                for (int k = 1; keep && k <= radius; k++) {
                    keep = x - k >= 0 && x + k < width && y - k >= 0 && y + k < height
                            && mask[y * width + x - k] && mask[y * width + x + k]
                            && mask[(y - k) * width + x] && mask[(y + k) * width + x];
                }
                out[y * width + x] = keep;
            }
        }
        return out;
    }

    /** Clears 8-connected groups of foreground pixels smaller than {@code minimum}. */
    static void removeSmallComponents(byte[] mask, int width, int height, int minimum) {
        int[] label = new int[mask.length];
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        java.util.List<Integer> members = new java.util.ArrayList<>();
        for (int start = 0; start < mask.length; start++) {
            if (mask[start] == 0 || label[start] != 0) {
                continue;
            }
            next++;
            members.clear();
            queue.add(start);
            label[start] = next;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                members.add(i);
                int x = i % width;
                int y = i / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && nx < width && ny >= 0 && ny < height) {
                            int j = ny * width + nx;
                            if (mask[j] != 0 && label[j] == 0) {
                                label[j] = next;
                                queue.add(j);
                            }
                        }
                    }
                }
            }
            if (members.size() < minimum) {
                for (int i : members) {
                    mask[i] = 0;
                }
            }
        }
    }
}
