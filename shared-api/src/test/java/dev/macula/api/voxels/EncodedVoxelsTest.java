package dev.macula.api.voxels;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One hash and one zstd frame per write, shared by the blob and the zarr chunk, equal to what each wrote alone. */
class EncodedVoxelsTest {

    @TempDir
    Path root;

    /** A mask of the benchmark's size: filled discs on zeros (hashed on a second thread), and a small one. */
    private static byte[] mask(int height, int width, long seed) {
        byte[] mask = new byte[height * width];
        Random random = new Random(seed);
        for (int disc = 0; disc < 20; disc++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int r = 3 + random.nextInt(Math.max(4, height / 10));
            for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        mask[y * width + x] = (byte) (1 + disc % 3);
                    }
                }
            }
        }
        return mask;
    }

    @Test
    void hashAndFrameEqualTheSeparateComputationsAtAnyOffset() {
        for (int[] size : new int[][]{{30, 40}, {1632, 2464}}) {
            byte[] data = mask(size[0], size[1], size[0]);
            byte[] padded = new byte[data.length + 200];
            System.arraycopy(data, 0, padded, 128, data.length);

            EncodedVoxels encoded = EncodedVoxels.encode(DType.UINT8, new int[]{1, size[0], size[1]}, padded, 128,
                    data.length);

            assertThat(encoded.checksum()).isEqualTo(BlobStore.sha256(data));
            assertThat(encoded.length()).isEqualTo(data.length);
            // the blob's level 3 and the zarr chunk's level 0 (zstd's default, i.e. 3) give the same frame
            assertThat(encoded.zstd()).isEqualTo(Zstd.compress(data, 3)).isEqualTo(Zstd.compress(data, 0));
            assertThat(Zstd.getFrameContentSize(encoded.zstd())).isEqualTo(data.length);
            assertThat(encoded.toArray()).isEqualTo(new NdArray(DType.UINT8, new int[]{1, size[0], size[1]}, data));
            assertThat(encoded.allZero()).isFalse();
        }
    }

    @Test
    void allZeroLooksAtEveryByteOfItsRangeOnly() {
        byte[] buffer = new byte[10 + 200_000 + 10];
        Arrays.fill(buffer, 0, 10, (byte) 7);
        Arrays.fill(buffer, buffer.length - 10, buffer.length, (byte) 7);
        assertThat(EncodedVoxels.encode(DType.UINT8, new int[]{200_000}, buffer, 10, 200_000).allZero()).isTrue();
        buffer[10 + 199_999] = 1;
        assertThat(EncodedVoxels.encode(DType.UINT8, new int[]{200_000}, buffer, 10, 200_000).allZero()).isFalse();
    }

    @Test
    void aRangeThatDoesNotMatchItsShapeIsRefused() {
        assertThatThrownBy(() -> EncodedVoxels.encode(DType.UINT16, new int[]{1, 3, 3}, new byte[18], 0, 9))
                .isInstanceOf(VoxelFormatException.class);
        assertThatThrownBy(() -> EncodedVoxels.encode(DType.UINT8, new int[]{1, 3, 3}, new byte[12], 4, 9))
                .isInstanceOf(VoxelFormatException.class);
    }

    @Test
    void blobAndZarrChunkHoldTheSameFrameAsWhenEachCompressedOnItsOwn() throws IOException {
        byte[] data = mask(1632, 2464, 3);
        ZarrStore.ArrayKey key = new ZarrStore.ArrayKey("DataRepresentation.Binary", DType.UINT8, 1, 1632, 2464);
        ZarrStore zarr = new ZarrStore(root.resolve("zarr"));
        BlobStore blobs = new BlobStore(root.resolve("blobs"));
        zarr.append(key, NdArray.zeros(DType.UINT8, 1, 1632, 2464));
        zarr.append(key, new NdArray(DType.UINT8, new int[]{1, 1632, 2464}, data)); // the old way: element 1
        EncodedVoxels encoded = EncodedVoxels.encode(new NdArray(DType.UINT8, new int[]{1, 1632, 2464}, data));

        String checksum = blobs.put(encoded);
        zarr.write(key, 0, encoded);

        Path array = root.resolve("zarr/DataRepresentation.Binary/uint8_1_1632_2464.zarr");
        assertThat(Files.readAllBytes(array.resolve("c/0/0/0/0"))).isEqualTo(Files.readAllBytes(array.resolve("c/1/0/0/0")));
        assertThat(Files.readAllBytes(root.resolve("blobs").resolve(checksum.substring(0, 2)).resolve(checksum + ".zst")))
                .isEqualTo(Zstd.compress(data, 3));
        assertThat(zarr.read(key, 0).data()).isEqualTo(data);
        assertThat(blobs.get(checksum, data.length)).hasValue(data);

        zarr.write(key, 0, EncodedVoxels.encode(NdArray.zeros(DType.UINT8, 1, 1632, 2464)));
        assertThat(Files.exists(array.resolve("c/0/0/0/0"))).isFalse(); // all fill value: no chunk
        assertThatThrownBy(() -> zarr.write(key, 2, encoded)).hasMessageContaining("Invalid zarr_index: 2. Array length: 2");
    }

    @Test
    void readIntoPutsTheVerifiedContentBehindWhateverPrecedesIt() {
        BlobStore blobs = new BlobStore(root);
        byte[] data = mask(30, 40, 5);
        String checksum = blobs.put(data);
        byte[] target = new byte[64 + data.length];
        Arrays.fill(target, 0, 64, (byte) 9);

        assertThat(blobs.readInto(checksum, target, 64, data.length)).isTrue();
        assertThat(Arrays.copyOfRange(target, 64, target.length)).isEqualTo(data);
        assertThat(Arrays.copyOf(target, 64)).containsOnly((byte) 9);
        assertThat(blobs.readInto("0".repeat(64), target, 64, data.length)).isFalse();
        assertThatThrownBy(() -> blobs.readInto(checksum, new byte[data.length + 1], 0, data.length + 1))
                .hasMessageContaining("corrupt");
    }

    @Test
    void streamHandsOutTheVerifiedContentInPieces() throws IOException {
        BlobStore blobs = new BlobStore(root);
        byte[] data = mask(1632, 2464, 9);
        String checksum = blobs.put(data);
        java.io.ByteArrayOutputStream pieces = new java.io.ByteArrayOutputStream();

        assertThat(blobs.stream(checksum, data.length, pieces::write)).isTrue();
        assertThat(pieces.toByteArray()).isEqualTo(data);
        assertThat(blobs.stream("0".repeat(64), data.length, (b, o, n) -> { })).isFalse();
        assertThatThrownBy(() -> blobs.stream(checksum, data.length - 1, (b, o, n) -> { }))
                .hasMessageContaining("corrupt"); // longer than it should be
        assertThatThrownBy(() -> blobs.stream(checksum, data.length + 1, (b, o, n) -> { }))
                .hasMessageContaining("corrupt"); // shorter
        Path file = root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst");
        byte[] other = data.clone();
        other[12345] ^= 1;
        Files.write(file, Zstd.compress(other, 3));
        assertThatThrownBy(() -> blobs.stream(checksum, data.length, (b, o, n) -> { })).hasMessageContaining("corrupt");
    }
}
