package dev.macula.api.dicom;

import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG (TwelveMonkeys' reader, which adds lossless JPEG to the JDK's baseline/extended decoder) and
 * JPEG 2000 (jai-imageio's JJ2000) frames through ImageIO. The raster is read without colour
 * conversion, so the file's photometric interpretation decides it, as in dcmtk. One reader is kept
 * per open file. The decoders read through a {@link GuardedImageInputStream}, which ends the endless
 * loops a corrupt codestream can send JJ2000 into while reading; {@link Jpeg2000Screen} refuses the
 * codestreams that would loop without reading.
 */
final class ImageIoDecoder implements AutoCloseable {

    private final ImageReader reader;
    private final String codec;
    private final boolean jpeg2000;

    private ImageIoDecoder(ImageReader reader, String codec, boolean jpeg2000) {
        this.reader = reader;
        this.codec = codec;
        this.jpeg2000 = jpeg2000;
    }

    static ImageIoDecoder jpeg() throws DicomException {
        return new ImageIoDecoder(reader("jpeg", "com.twelvemonkeys"), "JPEG", false);
    }

    static ImageIoDecoder jpeg2000() throws DicomException {
        return new ImageIoDecoder(reader("jpeg2000", "com.github.jaiimageio"), "JPEG 2000", true);
    }

    private static ImageReader reader(String format, String preferredPackage) throws DicomException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format); readers.hasNext(); ) {
            ImageReader candidate = readers.next();
            if (candidate.getClass().getName().startsWith(preferredPackage)) {
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        if (fallback == null) {
            throw new DicomException("no " + format + " decoder is installed");
        }
        return fallback;
    }

    /**
     * Decodes one codestream to samples, pixel-interleaved, checking its size against the header's;
     * into {@code reuse} when that has the right length (8-bit rasters only).
     */
    int[] decode(byte[] codestream, PixelLayout layout, boolean lossless, int[] reuse) throws DicomException {
        if (jpeg2000) {
            Jpeg2000Screen.check(codestream, layout);
        }
        try (ImageInputStream input = new GuardedImageInputStream(codestream)) {
            reader.setInput(input, false, true); // JJ2000 seeks back
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != layout.columns() || height != layout.rows()) {
                throw new DicomException(codec + " frame is " + width + "×" + height + ", the header says "
                        + layout.columns() + "×" + layout.rows());
            }
            // TwelveMonkeys' lossless decoder has no raster path; it never converts colour either
            Raster raster = lossless ? reader.read(0).getRaster() : reader.readRaster(0, null);
            if (raster.getNumBands() != layout.samples()) {
                throw new DicomException(codec + " frame has " + raster.getNumBands() + " components, the header says "
                        + layout.samples());
            }
            return samples(raster, width, height, reuse);
        } catch (DicomException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception | Error e) {
            // decoders throw anything on corrupt input (IIOException, index errors, JJ2000's plain Error)
            throw new DicomException(codec + " frame cannot be decoded: " + describe(e), e);
        }
    }

    /**
     * The raster's samples, pixel-interleaved. 8-bit rasters (every lossy JPEG) are copied straight
     * from their byte buffer: {@link Raster#getPixels} goes through the sample model pixel by pixel
     * and took 40 % of the time of an OCT volume's en-face thumbnail.
     */
    private static int[] samples(Raster raster, int width, int height, int[] reuse) {
        if (raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getMinX() == 0 && raster.getMinY() == 0) {
            int bands = model.getNumBands();
            int pixelStride = model.getPixelStride();
            int scanlineStride = model.getScanlineStride();
            int[] offsets = model.getBandOffsets();
            byte[] data = buffer.getData();
            int base = buffer.getOffset();
            int length = width * height * bands;
            int[] values = reuse != null && reuse.length == length ? reuse : new int[length];
            int at = 0;
            for (int y = 0; y < height; y++) {
                int row = base + y * scanlineStride;
                if (bands == 1 && pixelStride == 1) {
                    int start = row + offsets[0];
                    for (int x = 0; x < width; x++) {
                        values[at++] = data[start + x] & 0xff;
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        int pixel = row + x * pixelStride;
                        for (int b = 0; b < bands; b++) {
                            values[at++] = data[pixel + offsets[b]] & 0xff;
                        }
                    }
                }
            }
            return values;
        }
        return raster.getPixels(raster.getMinX(), raster.getMinY(), width, height, (int[]) null);
    }

    private static String describe(Throwable e) {
        // JJ2000 wraps what it catches; the guard's reason is the one that explains a runaway decoder
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedImageInputStream.Overrun) {
                return cause.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        reader.dispose();
    }
}
