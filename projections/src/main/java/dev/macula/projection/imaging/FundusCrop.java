package dev.macula.projection.imaging;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the circular field of view of a colour fundus photo and crops the square around it
 * (docs/api.md §5.4 step 2).
 *
 * <p><b>Detection</b> runs on a copy whose longer side is {@link #DETECTION_SIZE} px (drawn at twice
 * that size, then 2×2 averaged, so JPEG noise and thin text strokes are smoothed), using the
 * brightest channel of each pixel (the red channel carries most of a fundus, grey images have one):
 * <ol>
 * <li>Levels: background {@code b} = the 2nd percentile (the black corners cover more than that in
 * any fundus photo, even one clipped at top and bottom), fundus {@code f} = the 75th percentile
 * (the field of view covers more than a quarter). Too little contrast ({@code f − b < 12}, e.g. a
 * black image) → no circle.</li>
 * <li>Mask: pixels above {@code b + max(8, 0.15 (f − b))} — close to the background, so a dark,
 * vignetted rim still counts as fundus; its largest 4-connected component is the field of view
 * (labels in the corners are separate components).</li>
 * <li>Boundary points: the first and last mask pixel of every row and of every column, refined to
 * where the brightness crosses the threshold. Points on the image border are dropped (the circle is
 * clipped there).</li>
 * <li>A least-squares (algebraic) circle through the row points, which lie on the circle even next
 * to a flat top or bottom; points further from the circle than 3 robust standard deviations (notches,
 * a label touching the disc) are dropped and the fit repeated (the distance allowed is at most
 * max(1.5 px, 1.5% of the radius)). Then the column points join and the
 * same trimming runs over all points, which drops the straight flat edges.</li>
 * <li>Plausibility: enough inliers spread over at least 5 of 12 directions, centre inside the
 * image, radius between 0.2× the shorter and 0.75× the longer side, the mask filling ≥ 80% of the
 * circle's part inside the image (flat edges and notches cost less) and having < 10% of itself
 * outside the circle. A rectangle, a photo without black border or a black image fail and are not
 * cropped.</li>
 * </ol>
 *
 * <p><b>Crop</b>: a square with the circle's diameter as side, centred on the circle; where it leaves
 * the image (a circle clipped at top and bottom) it is padded with black.
 */
final class FundusCrop {

    /** Longer side of the copy the circle is detected in. */
    static final int DETECTION_SIZE = 320;

    private static final double BACKGROUND_PERCENTILE = 0.02;
    private static final double FUNDUS_PERCENTILE = 0.75;
    private static final int MIN_CONTRAST = 12;
    private static final int MIN_STEP = 8;
    private static final double STEP_FRACTION = 0.15;
    private static final int MIN_INLIERS = 24;
    private static final int SECTORS = 12;
    private static final int MIN_SECTORS = 5;

    private FundusCrop() {
    }

    /** A circle in the pixel coordinates of the image it was found in. */
    record Circle(double cx, double cy, double r) {
    }

    private record Point(double x, double y) {
    }

    // ---------------------------------------------------------------- detection

    /** The field-of-view circle of a fundus photo, or empty when none is plausible. */
    static Optional<Circle> detect(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double scale = Math.min(1.0, (double) DETECTION_SIZE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        if (w < 16 || h < 16) {
            return Optional.empty();
        }
        int[] v = brightness(image, w, h);
        Optional<Circle> found = detect(v, w, h);
        // back to the image: small pixel i covers [i fx, (i + 1) fx), its centre is (i + ½) fx − ½
        double fx = (double) width / w;
        double fy = (double) height / h;
        return found.map(c -> new Circle((c.cx() + 0.5) * fx - 0.5, (c.cy() + 0.5) * fy - 0.5, c.r() * (fx + fy) / 2));
    }

    /**
     * Max channel of a w×h copy: the mean of four samples per small pixel, at the quarter points of
     * the block it covers. Read straight from the pixel buffer of the usual decoded types: a
     * Graphics2D draw of a 2 MP photo cost 15–25 ms per thumbnail, more than the rest of the crop.
     */
    private static int[] brightness(BufferedImage image, int w, int h) {
        int type = image.getType();
        if ((type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY)
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel model
                && buffer.getNumBanks() == 1 && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            return sampledBytes(buffer.getData(), buffer.getOffset(), model, image.getWidth(), image.getHeight(), w, h);
        }
        return drawn(image, w, h);
    }

    private static int[] sampledBytes(byte[] data, int base, PixelInterleavedSampleModel model, int width, int height,
                                      int w, int h) {
        int pixelStride = model.getPixelStride();
        int scanlineStride = model.getScanlineStride();
        int[] offsets = model.getBandOffsets();
        int[] xs = quarterPoints(width, w);
        int[] ys = quarterPoints(height, h);
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            int row0 = base + ys[2 * y] * scanlineStride;
            int row1 = base + ys[2 * y + 1] * scanlineStride;
            for (int x = 0; x < w; x++) {
                int col0 = xs[2 * x] * pixelStride;
                int col1 = xs[2 * x + 1] * pixelStride;
                int sum = maxBand(data, row0 + col0, offsets) + maxBand(data, row0 + col1, offsets)
                        + maxBand(data, row1 + col0, offsets) + maxBand(data, row1 + col1, offsets);
                v[y * w + x] = (sum + 2) / 4;
            }
        }
        return v;
    }

    /** For each of {@code n} blocks over {@code size} pixels: the pixels at ¼ and ¾ of the block. */
    private static int[] quarterPoints(int size, int n) {
        double block = (double) size / n;
        int[] points = new int[2 * n];
        for (int i = 0; i < n; i++) {
            points[2 * i] = Math.min(size - 1, (int) ((i + 0.25) * block));
            points[2 * i + 1] = Math.min(size - 1, (int) ((i + 0.75) * block));
        }
        return points;
    }

    private static int maxBand(byte[] data, int pixel, int[] offsets) {
        int max = 0;
        for (int offset : offsets) {
            max = Math.max(max, data[pixel + offset] & 0xff);
        }
        return max;
    }

    /** Any other image type: drawn at 2w×2h (bilinear) and averaged over 2×2 blocks. */
    private static int[] drawn(BufferedImage image, int w, int h) {
        BufferedImage twice = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = twice.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, 2 * w, 2 * h, null);
        } finally {
            g.dispose();
        }
        int[] rgb = twice.getRGB(0, 0, 2 * w, 2 * h, null, 0, 2 * w);
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = 2 * y * 2 * w + 2 * x;
                int sum = maxChannel(rgb[at]) + maxChannel(rgb[at + 1]) + maxChannel(rgb[at + 2 * w])
                        + maxChannel(rgb[at + 2 * w + 1]);
                v[y * w + x] = (sum + 2) / 4;
            }
        }
        return v;
    }

    private static int maxChannel(int p) {
        return Math.max((p >> 16) & 0xff, Math.max((p >> 8) & 0xff, p & 0xff));
    }

    /** Detection on a brightness array (0–255, row-major, w×h); coordinates in that array. */
    static Optional<Circle> detect(int[] v, int w, int h) {
        int[] histogram = new int[256];
        for (int value : v) {
            histogram[value]++;
        }
        int background = percentile(histogram, v.length, BACKGROUND_PERCENTILE);
        int fundus = percentile(histogram, v.length, FUNDUS_PERCENTILE);
        if (fundus - background < MIN_CONTRAST) {
            return Optional.empty();
        }
        double threshold = background + Math.max(MIN_STEP, STEP_FRACTION * (fundus - background));
        boolean[] mask = largestComponent(v, w, h, threshold);
        if (mask == null) {
            return Optional.empty();
        }
        int[] left = new int[h];
        int[] right = new int[h];
        spans(mask, w, h, left, right);

        List<Point> rowPoints = new ArrayList<>();
        List<Point> columnPoints = new ArrayList<>();
        boundaryPoints(v, mask, w, h, threshold, left, right, rowPoints, columnPoints);
        List<Point> all = new ArrayList<>(rowPoints);
        all.addAll(columnPoints);
        if (all.size() < MIN_INLIERS) {
            return Optional.empty();
        }
        Circle circle = rowPoints.size() >= MIN_INLIERS ? trimmedFit(rowPoints, fit(rowPoints)) : fit(all);
        if (circle == null) {
            return Optional.empty();
        }
        circle = trimmedFit(all, circle);
        if (circle == null || !plausible(circle, inliers(all, circle), all.size(), left, right, w, h)) {
            return Optional.empty();
        }
        return Optional.of(circle);
    }

    private static int percentile(int[] histogram, int count, double fraction) {
        long wanted = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int value = 0; value < histogram.length; value++) {
            seen += histogram[value];
            if (seen >= wanted && seen > 0) {
                return value;
            }
        }
        return histogram.length - 1;
    }

    /** The largest 4-connected component above the threshold, or null if it is too small to matter. */
    private static boolean[] largestComponent(int[] v, int w, int h, double threshold) {
        int[] label = new int[w * h];
        int[] queue = new int[w * h];
        int best = 0;
        int bestSize = 0;
        int next = 0;
        for (int start = 0; start < v.length; start++) {
            if (label[start] != 0 || v[start] <= threshold) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = next;
            while (head < tail) {
                int at = queue[head++];
                int x = at % w;
                int y = at / w;
                if (x > 0) {
                    tail = visit(v, label, queue, tail, at - 1, threshold, next);
                }
                if (x < w - 1) {
                    tail = visit(v, label, queue, tail, at + 1, threshold, next);
                }
                if (y > 0) {
                    tail = visit(v, label, queue, tail, at - w, threshold, next);
                }
                if (y < h - 1) {
                    tail = visit(v, label, queue, tail, at + w, threshold, next);
                }
            }
            if (tail > bestSize) {
                bestSize = tail;
                best = next;
            }
        }
        if (bestSize < 0.05 * v.length) {
            return null;
        }
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            mask[i] = label[i] == best;
        }
        return mask;
    }

    private static int visit(int[] v, int[] label, int[] queue, int tail, int at, double threshold, int id) {
        if (label[at] == 0 && v[at] > threshold) {
            label[at] = id;
            queue[tail++] = at;
        }
        return tail;
    }

    /** First and last mask pixel of each row (−1 for empty rows). */
    private static void spans(boolean[] mask, int w, int h, int[] left, int[] right) {
        for (int y = 0; y < h; y++) {
            left[y] = -1;
            right[y] = -1;
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x]) {
                    if (left[y] < 0) {
                        left[y] = x;
                    }
                    right[y] = x;
                }
            }
        }
    }

    private static void boundaryPoints(int[] v, boolean[] mask, int w, int h, double threshold, int[] left,
                                       int[] right, List<Point> rowPoints, List<Point> columnPoints) {
        for (int y = 0; y < h; y++) {
            if (left[y] > 0) {
                rowPoints.add(new Point(crossing(v[y * w + left[y] - 1], v[y * w + left[y]], threshold, left[y], -1), y));
            }
            if (right[y] >= 0 && right[y] < w - 1) {
                rowPoints.add(new Point(crossing(v[y * w + right[y] + 1], v[y * w + right[y]], threshold, right[y], 1), y));
            }
        }
        for (int x = 0; x < w; x++) {
            int top = -1;
            int bottom = -1;
            for (int y = 0; y < h; y++) {
                if (mask[y * w + x]) {
                    if (top < 0) {
                        top = y;
                    }
                    bottom = y;
                }
            }
            if (top > 0) {
                columnPoints.add(new Point(x, crossing(v[(top - 1) * w + x], v[top * w + x], threshold, top, -1)));
            }
            if (bottom >= 0 && bottom < h - 1) {
                columnPoints.add(new Point(x, crossing(v[(bottom + 1) * w + x], v[bottom * w + x], threshold, bottom, 1)));
            }
        }
    }

    /**
     * Where the brightness crosses the threshold between the last inside pixel {@code at} and its
     * outside neighbour at {@code at + direction}, by linear interpolation.
     */
    private static double crossing(int outside, int inside, double threshold, int at, int direction) {
        double t = inside > outside ? (inside - threshold) / (inside - outside) : 0.5;
        return at + direction * Math.max(0, Math.min(1, t));
    }

    /** Algebraic least-squares circle (x² + y² + Dx + Ey + F = 0), or null if degenerate. */
    static Circle fit(List<Point> points) {
        if (points.size() < 3) {
            return null;
        }
        // centre the coordinates for numerical stability
        double mx = 0;
        double my = 0;
        for (Point p : points) {
            mx += p.x();
            my += p.y();
        }
        mx /= points.size();
        my /= points.size();
        double sxx = 0, sxy = 0, syy = 0, sxz = 0, syz = 0, sz = 0;
        double n = points.size();
        for (Point p : points) {
            double x = p.x() - mx;
            double y = p.y() - my;
            double z = x * x + y * y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            sxz += x * z;
            syz += y * z;
            sz += z;
        }
        // normal equations with Σx = Σy = 0: [sxx sxy; sxy syy] (D, E) = −(sxz, syz), F = −sz / n
        double det = sxx * syy - sxy * sxy;
        if (!(Math.abs(det) > 1e-9)) {
            return null;
        }
        double d = (-sxz * syy + syz * sxy) / det;
        double e = (-syz * sxx + sxz * sxy) / det;
        double f = -sz / n;
        double cx = -d / 2;
        double cy = -e / 2;
        double r2 = cx * cx + cy * cy - f;
        if (!(r2 > 0)) {
            return null;
        }
        return new Circle(cx + mx, cy + my, Math.sqrt(r2));
    }

    /** Refits on the points near the circle until the set of inliers settles. */
    private static Circle trimmedFit(List<Point> points, Circle start) {
        Circle circle = start;
        List<Point> kept = null;
        for (int round = 0; round < 10 && circle != null; round++) {
            List<Point> inliers = inliers(points, circle);
            if (inliers.size() < MIN_INLIERS) {
                return null;
            }
            if (inliers.equals(kept)) {
                break;
            }
            kept = inliers;
            circle = fit(inliers);
        }
        return circle;
    }

    /**
     * Points within max(1 px, 3 robust σ) of the circle, σ from the median absolute residual, but
     * never further than max(1.5 px, 1.5% of the radius).
     */
    private static List<Point> inliers(List<Point> points, Circle circle) {
        double[] residuals = new double[points.size()];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = residual(points.get(i), circle);
        }
        double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        double sigma = 1.4826 * sorted[sorted.length / 2];
        // a true rim is sharp to a pixel or so; capping the tolerance keeps the points of a
        // non-circular shape (a rectangle) from all passing as inliers of a wide fit
        double tolerance = Math.min(Math.max(1.0, 3 * sigma), Math.max(1.5, 0.015 * circle.r()));
        List<Point> inliers = new ArrayList<>();
        for (int i = 0; i < residuals.length; i++) {
            if (residuals[i] <= tolerance) {
                inliers.add(points.get(i));
            }
        }
        return inliers;
    }

    private static double residual(Point p, Circle c) {
        return Math.abs(Math.hypot(p.x() - c.cx(), p.y() - c.cy()) - c.r());
    }

    private static boolean plausible(Circle c, List<Point> inliers, int candidates, int[] left, int[] right,
                                     int w, int h) {
        if (inliers.size() < Math.max(MIN_INLIERS, 0.3 * candidates)) {
            return false;
        }
        if (c.cx() < 0 || c.cx() > w - 1 || c.cy() < 0 || c.cy() > h - 1
                || c.r() < 0.2 * Math.min(w, h) || c.r() > 0.75 * Math.max(w, h)) {
            return false;
        }
        boolean[] sector = new boolean[SECTORS];
        for (Point p : inliers) {
            double angle = Math.atan2(p.y() - c.cy(), p.x() - c.cx()) + Math.PI;
            sector[Math.min(SECTORS - 1, (int) (angle / (2 * Math.PI) * SECTORS))] = true;
        }
        int covered = 0;
        for (boolean s : sector) {
            covered += s ? 1 : 0;
        }
        if (covered < MIN_SECTORS) {
            return false;
        }
        // the row spans of the mask against the circle (inside the image)
        long circleArea = 0;
        long maskInside = 0;
        long maskOutside = 0;
        double outer = c.r() + 1.5;
        for (int y = 0; y < h; y++) {
            double dy = y - c.cy();
            double half = c.r() * c.r() - dy * dy;
            int from = 0;
            int to = -1;
            if (half > 0) {
                double hw = Math.sqrt(half);
                from = Math.max(0, (int) Math.ceil(c.cx() - hw));
                to = Math.min(w - 1, (int) Math.floor(c.cx() + hw));
                circleArea += Math.max(0, to - from + 1);
            }
            if (left[y] < 0) {
                continue;
            }
            maskInside += Math.max(0, Math.min(to, right[y]) - Math.max(from, left[y]) + 1);
            double outerHalf = outer * outer - dy * dy;
            for (int x = left[y]; x <= right[y]; x++) {
                double dx = x - c.cx();
                if (outerHalf <= 0 || dx * dx > outerHalf) {
                    maskOutside++;
                }
            }
        }
        return circleArea > 0 && maskInside >= 0.8 * circleArea && maskOutside < 0.1 * maskInside;
    }

    // ---------------------------------------------------------------- crop

    /**
     * The square around the circle (side = diameter), cut from {@code image}; where the square leaves
     * the image it is padded with black. A square inside the image is a view on it (no copy); a
     * padded one is drawn at most {@code maxSide} px wide, since it is only scaled down afterwards.
     *
     * @return the square, or null when it does not overlap the image
     */
    static BufferedImage square(BufferedImage image, Circle circle, int maxSide) {
        return square(image, circle, maxSide, null);
    }

    /** {@link #square(BufferedImage, Circle, int)} with a padded square drawn into {@code scratch}'s canvas slot. */
    static BufferedImage square(BufferedImage image, Circle circle, int maxSide, PixelBuffers scratch) {
        int side = Math.max(1, (int) Math.round(2 * circle.r()));
        int left = (int) Math.round(circle.cx() - circle.r());
        int top = (int) Math.round(circle.cy() - circle.r());
        Rectangle square = new Rectangle(left, top, side, side);
        Rectangle inside = square.intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
        if (inside.isEmpty()) {
            return null;
        }
        BufferedImage part = image.getSubimage(inside.x, inside.y, inside.width, inside.height);
        if (inside.equals(square)) {
            return part;
        }
        int canvasSide = Math.min(side, maxSide);
        double k = (double) canvasSide / side;
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB;
        BufferedImage canvas = scratch == null ? new BufferedImage(canvasSide, canvasSide, type) // black
                : scratch.blank(canvasSide, canvasSide, type, PixelBuffers.CANVAS);
        int x = (int) Math.round((inside.x - left) * k);
        int y = (int) Math.round((inside.y - top) * k);
        int width = Math.max(1, Math.min(canvasSide - x, (int) Math.round(inside.width * k)));
        int height = Math.max(1, Math.min(canvasSide - y, (int) Math.round(inside.height * k)));
        // the steps' slots are free again once drawn onto the canvas, for the thumbnails' steps
        BufferedImage scaled = ThumbnailRenderer.resize(part, width, height, scratch);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(scaled, x, y, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
