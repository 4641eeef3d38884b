package dev.macula.api.voxels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlicesTest {

    /** A (2, 3, 4) uint8 volume whose element is its C-order index. */
    private static NdArray volume() {
        byte[] data = new byte[24];
        for (int i = 0; i < 24; i++) {
            data[i] = (byte) i;
        }
        return new NdArray(DType.UINT8, new int[]{2, 3, 4}, data);
    }

    @Test
    void readsSlicesAlongEachAxisLikeNumpyIndexing() {
        // v[1] , v[:, 2] , v[:, :, 3]
        assertThat(Slices.read(volume(), 0, 1).data()).containsExactly(12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
        assertThat(Slices.read(volume(), 1, 2).shape()).containsExactly(2, 4);
        assertThat(Slices.read(volume(), 1, 2).data()).containsExactly(8, 9, 10, 11, 20, 21, 22, 23);
        assertThat(Slices.read(volume(), 2, 3).shape()).containsExactly(2, 3);
        assertThat(Slices.read(volume(), 2, 3).data()).containsExactly(3, 7, 11, 15, 19, 23);
    }

    @Test
    void writesASliceAndLeavesTheRestAndTheOriginalAlone() {
        NdArray original = volume();
        NdArray slice = new NdArray(DType.UINT8, new int[]{2, 3}, new byte[]{-1, -1, -1, -1, -1, -1});
        NdArray written = Slices.write(original, 2, 0, slice);
        assertThat(Slices.read(written, 2, 0).data()).containsOnly(-1);
        assertThat(Slices.read(written, 2, 1).data()).containsExactly(1, 5, 9, 13, 17, 21);
        assertThat(original.data()[0]).isZero();
    }
}
