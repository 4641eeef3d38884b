package dev.macula.api.voxels;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An n-dimensional array as the platform moves it around: element type, shape, and the elements
 * as little-endian bytes in C order (the layout of zarr chunks and of the {@code .npy} we write).
 */
public record NdArray(DType dtype, int[] shape, byte[] data) {

    public NdArray {
        shape = shape.clone();
        long expected = elements(shape) * dtype.size();
        if (expected != data.length) {
            throw new VoxelFormatException("shape " + python(shape) + " of " + dtype.zarrName() + " needs "
                    + expected + " bytes, got " + data.length);
        }
    }

    public static NdArray zeros(DType dtype, int... shape) {
        return new NdArray(dtype, shape, new byte[Math.toIntExact(elements(shape) * dtype.size())]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public static long elements(int[] shape) {
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new VoxelFormatException("negative dimension in " + Arrays.toString(shape));
            }
            count *= dimension;
        }
        return count;
    }

    /** Python tuple notation, as the contract's messages use it: {@code (1, 3, 3)}, {@code (5,)}. */
    public static String python(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NdArray that && dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype.zarrName() + " " + python(shape) + "]";
    }
}
