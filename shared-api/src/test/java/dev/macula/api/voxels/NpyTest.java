package dev.macula.api.voxels;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known answers: the byte strings below were written by NumPy 2.4 ({@code np.save}). */
class NpyTest {

    private static final HexFormat HEX = HexFormat.of();
    /** {@code np.arange(9, dtype=np.uint8).reshape(1, 3, 3)} */
    static final String UINT8_1_3_3 = "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73652c"
            + "20277368617065273a2028312c20332c2033292c207d20202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a000102030405060708";
    /** {@code np.array([[1, 2, 3], [256, 65535, 7]], dtype='>u2')} */
    static final String BIG_ENDIAN_UINT16 = "934e554d5059010076007b276465736372273a20273e7532272c2027666f727472616e5f6f72646572273a2046616c73652c"
            + "20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a0001000200030100ffff0007";
    /** {@code np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3))} */
    static final String FORTRAN_UINT8 = "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a20547275652c20"
            + "277368617065273a2028322c2033292c207d2020202020202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a000301040205";
    /** {@code np.array([[0.5, -1.0]], dtype=np.float32)} */
    static final String FLOAT32 = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c"
            + "20277368617065273a2028312c2032292c207d20202020202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a0000003f000080bf";
    /** {@code np.array([True, False, True])} */
    static final String BOOL = "934e554d5059010076007b276465736372273a20277c6231272c2027666f727472616e5f6f72646572273a2046616c73652c"
            + "20277368617065273a2028332c292c207d202020202020202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a010001";
    /** {@code np.lib.format.write_array(f, np.zeros((2, 2), np.uint32), version=(2, 0))} */
    static final String VERSION_2 = "934e554d50590200740000007b276465736372273a20273c7534272c2027666f727472616e5f6f72646572273a2046616c73"
            + "652c20277368617065273a2028322c2032292c207d2020202020202020202020202020202020202020202020202020202020"
            + "2020202020202020202020202020202020202020202020202020200a00000000000000000000000000000000";

    @Test
    void writesExactlyWhatNumpyWrites() {
        NdArray array = new NdArray(DType.UINT8, new int[]{1, 3, 3}, new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(HEX.formatHex(Npy.write(array))).isEqualTo(UINT8_1_3_3);
        NdArray floats = new NdArray(DType.FLOAT32, new int[]{1, 2}, HEX.parseHex("0000003f000080bf"));
        assertThat(HEX.formatHex(Npy.write(floats))).isEqualTo(FLOAT32);
        NdArray bools = new NdArray(DType.BOOL, new int[]{3}, new byte[]{1, 0, 1});
        assertThat(HEX.formatHex(Npy.write(bools))).isEqualTo(BOOL);
    }

    @Test
    void dataStartsOnA64ByteBoundaryForAnyShape() {
        for (int[] shape : new int[][]{{1}, {7, 9}, {128, 885, 512}, {1, 1632, 2464}, {123456789, 0}}) {
            byte[] bytes = Npy.write(NdArray.zeros(DType.UINT16, shape));
            long data = NdArray.elements(shape) * 2;
            assertThat((bytes.length - data) % 64).as(NdArray.python(shape)).isZero();
            assertThat(Npy.read(bytes).shape()).isEqualTo(shape);
        }
    }

    @Test
    void readsNumpysFiles() {
        NdArray array = Npy.read(HEX.parseHex(UINT8_1_3_3));
        assertThat(array.dtype()).isEqualTo(DType.UINT8);
        assertThat(array.shape()).containsExactly(1, 3, 3);
        assertThat(array.data()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);

        NdArray version2 = Npy.read(HEX.parseHex(VERSION_2));
        assertThat(version2.dtype()).isEqualTo(DType.UINT32);
        assertThat(version2.shape()).containsExactly(2, 2);
        assertThat(version2.data()).hasSize(16).containsOnly(0);
    }

    @Test
    void convertsBigEndianToLittleEndian() {
        NdArray array = Npy.read(HEX.parseHex(BIG_ENDIAN_UINT16));
        assertThat(array.dtype()).isEqualTo(DType.UINT16);
        // 1, 2, 3, 256, 65535, 7 as little-endian uint16
        assertThat(HEX.formatHex(array.data())).isEqualTo("0100020003000001ffff0700");
    }

    @Test
    void convertsFortranOrderToCOrder() {
        NdArray array = Npy.read(HEX.parseHex(FORTRAN_UINT8));
        assertThat(array.shape()).containsExactly(2, 3);
        assertThat(array.data()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void rejectsWhatItCannotStore() {
        byte[] int64 = HEX.parseHex(UINT8_1_3_3.replace("7c7531", "3c6938")); // '|u1' → '<i8'
        assertThatThrownBy(() -> Npy.read(int64)).isInstanceOf(UnsupportedDtypeException.class)
                .extracting(e -> ((UnsupportedDtypeException) e).numpyName()).isEqualTo("int64");
        assertThatThrownBy(() -> Npy.read(new byte[]{1, 2, 3})).isInstanceOf(VoxelFormatException.class);
        byte[] truncated = HEX.parseHex(UINT8_1_3_3.substring(0, UINT8_1_3_3.length() - 4));
        assertThatThrownBy(() -> Npy.read(truncated)).hasMessageContaining("shorter than its shape");
    }

    @Test
    void theHeaderSaysWhereTheDataIsAndWhetherItCanBeUsedInPlace() {
        byte[] bytes = HEX.parseHex(UINT8_1_3_3);
        Npy.Header header = Npy.header(bytes);
        assertThat(header.dtype()).isEqualTo(DType.UINT8);
        assertThat(header.shape()).containsExactly(1, 3, 3);
        assertThat(header.offset()).isEqualTo(128);
        assertThat(header.length()).isEqualTo(9);
        assertThat(header.inPlace()).isTrue();
        assertThat(java.util.Arrays.copyOfRange(bytes, header.offset(), header.offset() + header.length()))
                .isEqualTo(Npy.read(bytes).data());
        assertThat(Npy.header(HEX.parseHex(BIG_ENDIAN_UINT16)).inPlace()).isFalse();
        assertThat(Npy.header(HEX.parseHex(FORTRAN_UINT8)).inPlace()).isFalse();
        byte[] truncated = HEX.parseHex(UINT8_1_3_3.substring(0, UINT8_1_3_3.length() - 4));
        assertThatThrownBy(() -> Npy.header(truncated)).hasMessageContaining("shorter than its shape");
    }

    @Test
    void theWrittenHeaderIsTheFileUpToItsData() {
        NdArray array = Npy.read(HEX.parseHex(UINT8_1_3_3));
        byte[] header = Npy.header(array.dtype(), array.shape());
        assertThat(HEX.formatHex(header)).isEqualTo(UINT8_1_3_3.substring(0, UINT8_1_3_3.length() - 18));
    }
}
