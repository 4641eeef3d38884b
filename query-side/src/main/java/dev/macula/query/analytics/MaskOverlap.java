package dev.macula.query.analytics;

/**
 * Dice and IoU (Jaccard) of two masks of the same shape; a voxel is foreground when any byte of its
 * element is nonzero (so for float masks −0.0 counts as foreground, which no grader tool writes).
 * Both masks empty: they agree perfectly, Dice = IoU = 1.
 */
final class MaskOverlap {

    record Overlap(double dice, double iou) {
    }

    private MaskOverlap() {
    }

    /** @param elementSize bytes per voxel; {@code a} and {@code b} hold the same number of voxels */
    static Overlap of(byte[] a, byte[] b, int elementSize) {
        if (a.length != b.length || a.length % elementSize != 0) {
            throw new IllegalArgumentException("masks of different sizes");
        }
        long both = 0;
        long inA = 0;
        long inB = 0;
        for (int offset = 0; offset < a.length; offset += elementSize) {
            boolean foregroundA = foreground(a, offset, elementSize);
            boolean foregroundB = foreground(b, offset, elementSize);
            inA += foregroundA ? 1 : 0;
            inB += foregroundB ? 1 : 0;
            both += foregroundA && foregroundB ? 1 : 0;
        }
        return of(both, inA, inB);
    }

    /** From the counts: |A∩B|, |A|, |B|. */
    static Overlap of(long both, long inA, long inB) {
        if (inA + inB == 0) {
            return new Overlap(1, 1);
        }
        return new Overlap(2.0 * both / (inA + inB), (double) both / (inA + inB - both));
    }

    private static boolean foreground(byte[] data, int offset, int size) {
        for (int i = 0; i < size; i++) {
            if (data[offset + i] != 0) {
                return true;
            }
        }
        return false;
    }
}
