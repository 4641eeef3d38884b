package dev.macula.api.voxels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesByContentAndReadsBackVerified() throws IOException {
        BlobStore store = new BlobStore(root);
        byte[] mask = new byte[1632 * 16];
        mask[100] = 1;

        String checksum = store.put(mask);

        // SHA-256 known answer for "abc" (FIPS 180-2 example)
        assertThat(BlobStore.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(checksum).isEqualTo(BlobStore.sha256(mask));
        assertThat(Files.exists(root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst"))).isTrue();
        assertThat(Files.size(root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst"))).isLessThan(mask.length);
        assertThat(store.get(checksum, mask.length)).hasValue(mask);
        assertThat(store.put(mask)).isEqualTo(checksum); // idempotent
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void unknownOrMalformedChecksumsFindNothingAndCorruptionIsDetected() throws IOException {
        BlobStore store = new BlobStore(root);
        assertThat(store.get("0".repeat(64), 4)).isEmpty();
        assertThat(store.get("../../etc/passwd", 4)).isEmpty();

        byte[] content = {1, 2, 3, 4};
        String checksum = store.put(content);
        Path file = root.resolve(checksum.substring(0, 2)).resolve(checksum + ".zst");
        Files.write(file, com.github.luben.zstd.Zstd.compress(new byte[]{9, 9, 9, 9}));
        assertThatThrownBy(() -> store.get(checksum, 4)).hasMessageContaining("corrupt");
    }
}
