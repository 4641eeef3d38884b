package dev.macula.command.segmentation;

import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.EncodedVoxels;
import dev.macula.api.voxels.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data command may only commit once its blob is on disk (what BlobsBeforeCommit asks before the commit). */
class VoxelStorageTest {

    @TempDir
    Path root;

    private static EncodedVoxels mask() {
        byte[] data = new byte[1632 * 2464];
        for (int i = 100_000; i < 900_000; i++) {
            data[i] = (byte) (i % 7 == 0 ? 1 : 0);
        }
        return EncodedVoxels.of(new NdArray(DType.UINT8, new int[]{1, 1632, 2464}, data));
    }

    @Test
    void aBlobWrittenDuringTheCommandIsOnDiskWhenTheCommandMayCommit() {
        VoxelStorage storage = new VoxelStorage(root.resolve("data"), root.resolve("zarr"));
        EncodedVoxels voxels = mask();

        try (VoxelStorage.BlobWrite write = storage.storeDuringCommand(voxels)) {
            storage.requireStored(voxels.checksum()); // waits for the write under way
            assertThat(storage.blobs.exists(voxels.checksum())).isTrue();
        }
        assertThat(storage.blobs.get(voxels.checksum(), voxels.length())).hasValue(voxels.toArray().data());
        storage.requireStored(voxels.checksum()); // stored earlier (a revert names an old version's blob)
    }

    @Test
    void aCommandNamingABlobNobodyStoredMayNotCommit() {
        VoxelStorage storage = new VoxelStorage(root.resolve("data"), root.resolve("zarr"));
        assertThatThrownBy(() -> storage.requireStored("ab".repeat(32))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in the blob store");
    }

    @Test
    void aFailedBlobWriteFailsTheCommandThatWaitsForIt() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/blobs"), "a file where the blob folder should be");
        VoxelStorage storage = new VoxelStorage(root.resolve("data"), root.resolve("zarr"));
        EncodedVoxels voxels = mask();

        VoxelStorage.BlobWrite write = storage.storeDuringCommand(voxels);
        assertThatThrownBy(() -> storage.requireStored(voxels.checksum())).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(write::close).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> storage.requireStored(voxels.checksum())).isInstanceOf(IllegalStateException.class);
    }
}
