package dev.macula.projection.imaging;

import dev.macula.api.dicom.DicomFrame;
import dev.macula.api.dicom.DicomImage;
import dev.macula.projection.imaging.ThumbnailRenderer.Picture;
import dev.macula.projection.imaging.ThumbnailRenderer.Source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The picture a DICOM file's thumbnails are made from (docs/api.md §5.4 step 3): one frame → that
 * frame, fewer than 10 → the middle one, both as the reader displays them (rescale and window
 * applied, MONOCHROME1 inverted); 10 or more (an OCT volume) → the en-face projection of the stored
 * values, one frame decoded at a time so a 256-frame volume never sits in memory whole. A file the
 * reader refuses (JPEG-LS, big endian, a damaged file) fails with the reader's reason, which the
 * caller records.
 */
final class DicomPictures {

    private DicomPictures() {
    }

    /** The picture and the file's frame count (only a single frame is a photo to crop). */
    record Loaded(Picture picture, int frames) {
    }

    static Loaded load(Path file, Source source) throws IOException {
        try (DicomImage image = DicomImage.open(file)) {
            int frames = image.frames();
            if (frames < ThumbnailRenderer.EN_FACE_MIN_FRAMES) {
                var frame = image.display(frames == 1 ? 0 : frames / 2);
                return new Loaded(new Picture(frame, frame.getWidth(), frame.getHeight()), frames);
            }
            int columns = image.columns();
            double[] means = new double[Math.multiplyExact(frames, columns)];
            int[] buffer = null; // one array for the whole volume: 128 frames would make 128 MB of garbage
            for (int i = 0; i < frames; i++) {
                DicomFrame frame = image.frame(i, buffer);
                columnMeans(frame, means, i * columns);
                buffer = frame.values();
            }
            return new Loaded(ThumbnailRenderer.enFace(means, frames, columns, image.rows(), source), frames);
        }
    }

    /** Mean over the rows of each column; colour frames by their luminance. */
    static void columnMeans(DicomFrame frame, double[] out, int offset) {
        int rows = frame.rows();
        int columns = frame.columns();
        int samples = frame.samples();
        int[] values = frame.values();
        double[] sums = new double[columns];
        for (int y = 0, at = 0; y < rows; y++) {
            if (samples == 1) {
                for (int x = 0; x < columns; x++) {
                    sums[x] += values[at++];
                }
            } else {
                for (int x = 0; x < columns; x++, at += samples) {
                    sums[x] += 0.299 * values[at] + 0.587 * values[at + 1] + 0.114 * values[at + 2];
                }
            }
        }
        for (int x = 0; x < columns; x++) {
            out[offset + x] = sums[x] / rows;
        }
    }
}
