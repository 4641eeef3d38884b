package dev.macula.api.voxels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The docs/api.md §6.1 layout, file by file, and known-answer reads of a store written by other tools. */
class ZarrStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "DataRepresentation.Binary";
    private static final ZarrStore.ArrayKey KEY = new ZarrStore.ArrayKey(GROUP, DType.UINT8, 1, 3, 3);

    @TempDir
    Path root;

    private static NdArray nine() {
        return new NdArray(DType.UINT8, new int[]{1, 3, 3}, new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8});
    }

    @Test
    void firstAppendLaysOutGroupsArrayMetadataAndOneZstdChunk() throws IOException {
        ZarrStore store = new ZarrStore(root);

        assertThat(store.append(KEY, nine())).isZero();

        JsonNode rootGroup = JSON.readTree(root.resolve("zarr.json").toFile());
        assertThat(rootGroup.get("zarr_format").asInt()).isEqualTo(3);
        assertThat(rootGroup.get("node_type").asText()).isEqualTo("group");
        assertThat(JSON.readTree(root.resolve(GROUP).resolve("zarr.json").toFile()).get("node_type").asText())
                .isEqualTo("group");
        Path array = root.resolve(GROUP).resolve("uint8_1_3_3.zarr");
        JsonNode meta = JSON.readTree(array.resolve("zarr.json").toFile());
        assertThat(meta.get("shape").toString()).isEqualTo("[1,1,3,3]");
        assertThat(meta.get("data_type").asText()).isEqualTo("uint8");
        assertThat(meta.get("chunk_grid").toString())
                .isEqualTo("{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[1,1,3,3]}}");
        assertThat(meta.get("chunk_key_encoding").toString())
                .isEqualTo("{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}}");
        assertThat(meta.get("fill_value").asInt()).isZero();
        assertThat(meta.get("codecs").toString()).isEqualTo("[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
                + "{\"name\":\"zstd\",\"configuration\":{\"level\":0,\"checksum\":false}}]");
        assertThat(meta.get("zarr_format").asInt()).isEqualTo(3);
        assertThat(meta.get("node_type").asText()).isEqualTo("array");

        byte[] chunk = Files.readAllBytes(array.resolve("c/0/0/0/0"));
        assertThat(HexFormat.of().formatHex(chunk, 0, 4)).isEqualTo("28b52ffd"); // zstd frame magic
        assertThat(Zstd.decompress(chunk, 9)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList())
                    .containsExactly(GROUP + "/uint8_1_3_3.zarr/c/0/0/0/0", GROUP + "/uint8_1_3_3.zarr/zarr.json",
                            GROUP + "/zarr.json", "zarr.json");
        }
    }

    @Test
    void allZeroElementsHaveNoChunkAndReadAsZeros() {
        ZarrStore store = new ZarrStore(root);
        store.append(KEY, nine());
        long empty = store.append(KEY, NdArray.zeros(DType.UINT8, 1, 3, 3));

        assertThat(empty).isEqualTo(1);
        assertThat(store.length(KEY)).isEqualTo(2);
        assertThat(Files.exists(root.resolve(GROUP).resolve("uint8_1_3_3.zarr/c/1/0/0/0"))).isFalse();
        assertThat(store.read(KEY, 1).data()).containsOnly(0);

        store.write(KEY, 0, NdArray.zeros(DType.UINT8, 1, 3, 3)); // overwriting with zeros removes the chunk
        assertThat(Files.exists(root.resolve(GROUP).resolve("uint8_1_3_3.zarr/c/0/0/0/0"))).isFalse();
        assertThat(store.read(KEY, 0).data()).containsOnly(0);
    }

    @Test
    void overwritesInPlaceAndReadsBack() {
        ZarrStore store = new ZarrStore(root);
        store.append(KEY, NdArray.zeros(DType.UINT8, 1, 3, 3));
        store.write(KEY, 0, nine());
        assertThat(store.read(KEY, 0)).isEqualTo(nine());
        assertThat(store.length(KEY)).isEqualTo(1);
    }

    @Test
    void readsAStoreWrittenByOtherTools() throws IOException {
        // zarr.json as zarr-python 3.1 writes it; the chunk made with `zstd --no-check` from bytes 0..8
        Path array = Files.createDirectories(root.resolve("DataRepresentation.MultiClass/uint8_1_3_3.zarr/c/0/0/0"));
        Files.writeString(array.getParent().getParent().getParent().getParent().resolve("zarr.json"), """
                {"shape": [1, 1, 3, 3], "data_type": "uint8",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1, 1, 3, 3]}},
                 "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
                 "fill_value": 0,
                 "codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                            {"name": "zstd", "configuration": {"level": 0, "checksum": false}}],
                 "attributes": {}, "zarr_format": 3, "node_type": "array", "storage_transformers": []}
                """);
        Files.write(array.resolve("0"), HexFormat.of().parseHex("28b52ffd2009490000000102030405060708"));

        ZarrStore store = new ZarrStore(root);
        ZarrStore.ArrayKey key = new ZarrStore.ArrayKey("DataRepresentation.MultiClass", DType.UINT8, 1, 3, 3);
        assertThat(store.length(key)).isEqualTo(1);
        assertThat(store.read(key, 0)).isEqualTo(nine());
        assertThat(store.append(key, nine())).isEqualTo(1); // and extends it
    }

    @Test
    void refusesLayoutsAndInputsItDoesNotSupport() throws IOException {
        ZarrStore store = new ZarrStore(root);
        assertThatThrownBy(() -> store.read(KEY, 0)).hasMessage("Invalid zarr_index: 0. Array length: 0");
        assertThatThrownBy(() -> store.append(KEY, NdArray.zeros(DType.UINT16, 1, 3, 3)))
                .hasMessage("Expected dtype uint8, got uint16");
        assertThatThrownBy(() -> store.append(KEY, NdArray.zeros(DType.UINT8, 4, 3, 1)))
                .hasMessage("Expected spatial dimensions (1, 3, 3), got (4, 3, 1)");
        assertThatThrownBy(() -> new ZarrStore.ArrayKey("../escape", DType.UINT8, 1, 1, 1))
                .isInstanceOf(VoxelFormatException.class);

        store.append(KEY, nine());
        Path meta = root.resolve(GROUP).resolve("uint8_1_3_3.zarr/zarr.json");
        Files.writeString(meta, Files.readString(meta).replace("\"zstd\"", "\"gzip\""));
        assertThatThrownBy(() -> store.read(KEY, 0)).hasMessageContaining("unsupported zarr codecs");
    }

    @Test
    void concurrentAppendsGetDistinctIndices() throws Exception {
        ZarrStore store = new ZarrStore(root);
        Set<Long> indices = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte value = (byte) (t + 1);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        byte[] data = new byte[9];
                        java.util.Arrays.fill(data, value);
                        indices.add(store.append(KEY, new NdArray(DType.UINT8, new int[]{1, 3, 3}, data)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        assertThat(indices).hasSize(200);
        assertThat(store.length(KEY)).isEqualTo(200);
        for (long i = 0; i < 200; i++) {
            byte[] data = store.read(KEY, i).data();
            assertThat(data).containsOnly(data[0]); // every chunk is whole, never a mix
        }
    }
}
