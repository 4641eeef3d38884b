package dev.macula.projection.imaging;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Fundus-like test photos: a reddish disc with vignetting, a brighter optic disc and dark vessels on
 * a black background with sensor noise; optionally dimmed, notched, cut flat at top and bottom, or
 * labelled with white text in a corner. {@link #jpeg} adds the blocking and ringing of a real camera.
 */
final class SyntheticFundus {

    private final int width;
    private final int height;
    private final double cx;
    private final double cy;
    private final double radius;
    private double brightness = 1;
    private double flatFraction = Double.POSITIVE_INFINITY;
    private boolean notch;
    private String label;

    SyntheticFundus(int width, int height, double cx, double cy, double radius) {
        this.width = width;
        this.height = height;
        this.cx = cx;
        this.cy = cy;
        this.radius = radius;
    }

    /** Scales all fundus brightness (0.15 = a badly underexposed photo). */
    SyntheticFundus dim(double factor) {
        brightness = factor;
        return this;
    }

    /** Cuts the disc flat where |y − cy| > fraction × radius. */
    SyntheticFundus flat(double fraction) {
        flatFraction = fraction;
        return this;
    }

    /** A rectangular notch cut into the right edge of the disc, as some cameras do. */
    SyntheticFundus notched() {
        notch = true;
        return this;
    }

    /** White text in the lower left corner. */
    SyntheticFundus labelled(String text) {
        label = text;
        return this;
    }

    BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(42);
        double discX = cx + 0.3 * radius;
        double discY = cy - 0.05 * radius;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = Math.hypot(x - cx, y - cy);
                boolean inside = d <= radius && Math.abs(y - cy) <= flatFraction * radius
                        && !(notch && x > cx + radius - 0.06 * radius && Math.abs(y - cy) < 0.08 * radius);
                int r = noise.nextInt(4);
                int g = noise.nextInt(4);
                int b = noise.nextInt(4);
                if (inside) {
                    double vignette = 1 - 0.55 * Math.pow(d / radius, 2);
                    double optic = Math.exp(-Math.pow(Math.hypot(x - discX, y - discY) / (0.08 * radius), 2));
                    // a few sinusoidal "vessels" as dark stripes
                    double vessels = 1 - 0.25 * Math.max(0, Math.sin((x + 0.4 * y) / (0.07 * radius)) - 0.9) * 10;
                    double k = brightness * vignette * vessels;
                    r += (int) Math.min(255, k * 210 + optic * 40 * brightness);
                    g += (int) Math.min(255, k * 95 + optic * 120 * brightness);
                    b += (int) Math.min(255, k * 35 + optic * 60 * brightness);
                }
                image.setRGB(x, y, Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, b));
            }
        }
        if (label != null) {
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 25)));
            g.drawString(label, width / 60, height - height / 30);
            g.dispose();
        }
        return image;
    }

    /** The image as a quality-0.7 JPEG, decoded again. */
    BufferedImage jpeg() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpegBytes()));
    }

    byte[] jpegBytes() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.7f);
            writer.write(null, new IIOImage(image(), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
