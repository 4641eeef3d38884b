package dev.macula.api.voxels;

/**
 * 2-D slices of {@code (D, H, W)} volumes along an axis (docs/api.md §6.2, docs/api.md §6.6): axis 0 gives
 * {@code (H, W)}, axis 1 {@code (D, W)}, axis 2 {@code (D, H)}.
 */
public final class Slices {

    private Slices() {
    }

    public static int[] sliceShape(int[] volume, int axis) {
        return switch (axis) {
            case 0 -> new int[]{volume[1], volume[2]};
            case 1 -> new int[]{volume[0], volume[2]};
            case 2 -> new int[]{volume[0], volume[1]};
            default -> throw new VoxelFormatException("Invalid axis: " + axis + ". Must be 0 (depth), 1 (height), or 2 (width)");
        };
    }

    public static NdArray read(NdArray volume, int axis, int index) {
        int[] shape = volume.shape();
        int[] out = sliceShape(shape, axis);
        int size = volume.dtype().size();
        byte[] data = new byte[out[0] * out[1] * size];
        copy(volume.data(), shape, axis, index, data, size, true);
        return new NdArray(volume.dtype(), out, data);
    }

    /** A copy of the volume with slice {@code index} along {@code axis} replaced. */
    public static NdArray write(NdArray volume, int axis, int index, NdArray slice) {
        byte[] data = volume.data().clone();
        copy(data, volume.shape(), axis, index, slice.data(), volume.dtype().size(), false);
        return new NdArray(volume.dtype(), volume.shape(), data);
    }

    private static void copy(byte[] volume, int[] shape, int axis, int index, byte[] slice, int size, boolean toSlice) {
        int depth = shape[0];
        int height = shape[1];
        int width = shape[2];
        int s = 0;
        for (int d = 0; d < depth; d++) {
            if (axis == 0 && d != index) {
                continue;
            }
            for (int h = 0; h < height; h++) {
                if (axis == 1 && h != index) {
                    continue;
                }
                if (axis == 2) {
                    int v = ((d * height + h) * width + index) * size;
                    if (toSlice) {
                        System.arraycopy(volume, v, slice, s, size);
                    } else {
                        System.arraycopy(slice, s, volume, v, size);
                    }
                    s += size;
                } else {
                    int v = (d * height + h) * width * size;
                    if (toSlice) {
                        System.arraycopy(volume, v, slice, s, width * size);
                    } else {
                        System.arraycopy(slice, s, volume, v, width * size);
                    }
                    s += width * size;
                }
            }
        }
    }
}
