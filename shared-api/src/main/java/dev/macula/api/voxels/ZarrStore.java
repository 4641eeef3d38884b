package dev.macula.api.voxels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The segmentation store of docs/api.md §6.1: a zarr v3 hierarchy in which each (group, element type,
 * shape) is one array of shape {@code (N, D, H, W)}, chunked one element per chunk, codecs
 * {@code bytes} (little endian) then {@code zstd}, chunk keys {@code c/<n>/0/0/0}, missing chunk = zeros.
 * Only this layout is supported — exactly what zarr-python 3.1 wrote for the original. Writes to one
 * array are serialised (in this process) and every file is replaced atomically.
 */
public final class ZarrStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ZarrStore(Path root) {
        this.root = root;
    }

    /** One array: {@code <group>/<dtype>_<D>_<H>_<W>.zarr}. */
    public record ArrayKey(String group, DType dtype, int depth, int height, int width) {

        public ArrayKey {
            if (group == null || group.isEmpty() || group.startsWith(".") || group.contains("/")
                    || group.contains("\\") || group.contains("\0")) {
                throw new VoxelFormatException("bad zarr group name: " + group);
            }
            if (depth <= 0 || height <= 0 || width <= 0) {
                throw new VoxelFormatException("segmentation dimensions must be positive");
            }
        }

        public String name() {
            return dtype.zarrName() + "_" + depth + "_" + height + "_" + width + ".zarr";
        }

        public int[] elementShape() {
            return new int[]{depth, height, width};
        }
    }

    public Path root() {
        return root;
    }

    /** Number of elements in the array; 0 when it does not exist yet. */
    public long length(ArrayKey key) {
        Path meta = arrayDir(key).resolve("zarr.json");
        return Files.exists(meta) ? readMeta(key).get("shape").get(0).asLong() : 0;
    }

    /** Appends one element and returns its index. */
    public long append(ArrayKey key, NdArray element) {
        check(key, element.dtype(), element.shape());
        return locked(key, () -> {
            ObjectNode meta = ensureArray(key);
            long index = meta.get("shape").get(0).asLong();
            writeChunk(key, meta, index, element.data());
            ((ArrayNode) meta.get("shape")).set(0, index + 1);
            writeAtomically(arrayDir(key).resolve("zarr.json"), JSON.writeValueAsBytes(meta));
            return index;
        });
    }

    /** Overwrites element {@code index} (which must exist). */
    public void write(ArrayKey key, long index, NdArray element) {
        check(key, element.dtype(), element.shape());
        locked(key, () -> {
            ObjectNode meta = requireIndex(key, index);
            writeChunk(key, meta, index, element.data());
            return null;
        });
    }

    /**
     * Overwrites element {@code index} (which must exist) with content already encoded for the blob
     * store: a zstd array gets the same frame, so nothing is compressed twice.
     */
    public void write(ArrayKey key, long index, EncodedVoxels element) {
        check(key, element.dtype(), element.shape());
        locked(key, () -> {
            ObjectNode meta = requireIndex(key, index);
            Path chunk = chunkPath(key, index);
            if (element.allZero()) {
                Files.deleteIfExists(chunk); // zarr writes no chunk that is all fill value
                return null;
            }
            Files.createDirectories(chunk.getParent());
            writeAtomically(chunk, compressed(meta) ? element.zstd() : element.rawCopy());
            return null;
        });
    }

    /** Element {@code index} as {@code (D, H, W)}; a missing chunk reads as zeros. */
    public NdArray read(ArrayKey key, long index) {
        ObjectNode meta = requireIndex(key, index);
        int size = Math.toIntExact(NdArray.elements(key.elementShape()) * key.dtype().size());
        Path chunk = chunkPath(key, index);
        try {
            byte[] stored = Files.readAllBytes(chunk);
            byte[] data = compressed(meta) ? Zstd.decompress(stored, size) : stored;
            if (data.length != size) {
                throw new VoxelFormatException("chunk " + index + " of " + key.name() + " has " + data.length
                        + " bytes, expected " + size);
            }
            return new NdArray(key.dtype(), key.elementShape(), data);
        } catch (NoSuchFileException missing) {
            return NdArray.zeros(key.dtype(), key.elementShape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The array's metadata, read once, after checking that element {@code index} exists. */
    private ObjectNode requireIndex(ArrayKey key, long index) {
        ObjectNode meta = Files.exists(arrayDir(key).resolve("zarr.json")) ? readMeta(key) : null;
        long length = meta == null ? 0 : meta.get("shape").get(0).asLong();
        if (index < 0 || index >= length) {
            throw new VoxelFormatException("Invalid zarr_index: " + index + ". Array length: " + length);
        }
        return meta;
    }

    private static void check(ArrayKey key, DType dtype, int[] shape) {
        int[] expected = key.elementShape();
        boolean fits = java.util.Arrays.equals(shape, expected)
                || (shape.length == 4 && shape[0] == 1
                && java.util.Arrays.equals(java.util.Arrays.copyOfRange(shape, 1, 4), expected));
        if (dtype != key.dtype()) {
            throw new VoxelFormatException("Expected dtype " + key.dtype().zarrName() + ", got " + dtype.zarrName());
        }
        if (!fits) {
            throw new VoxelFormatException("Expected spatial dimensions " + NdArray.python(expected) + ", got "
                    + NdArray.python(shape));
        }
    }

    private void writeChunk(ArrayKey key, JsonNode meta, long index, byte[] data) throws IOException {
        Path chunk = chunkPath(key, index);
        if (allZero(data)) {
            Files.deleteIfExists(chunk); // zarr writes no chunk that is all fill value
            return;
        }
        Files.createDirectories(chunk.getParent());
        writeAtomically(chunk, compressed(meta) ? Zstd.compress(data, 0) : data);
    }

    private ObjectNode ensureArray(ArrayKey key) throws IOException {
        Path dir = arrayDir(key);
        if (Files.exists(dir.resolve("zarr.json"))) {
            return readMeta(key);
        }
        ensureGroup(root);
        ensureGroup(root.resolve(key.group()));
        Files.createDirectories(dir);
        ObjectNode meta = JSON.createObjectNode();
        ArrayNode shape = meta.putArray("shape").add(0);
        ArrayNode chunkShape = JSON.createArrayNode().add(1);
        for (int dimension : key.elementShape()) {
            shape.add(dimension);
            chunkShape.add(dimension);
        }
        meta.put("data_type", key.dtype().zarrName());
        ObjectNode grid = meta.putObject("chunk_grid").put("name", "regular");
        grid.putObject("configuration").set("chunk_shape", chunkShape);
        meta.putObject("chunk_key_encoding").put("name", "default").putObject("configuration").put("separator", "/");
        switch (key.dtype()) {
            case FLOAT32 -> meta.put("fill_value", 0.0);
            case BOOL -> meta.put("fill_value", false);
            default -> meta.put("fill_value", 0);
        }
        ArrayNode codecs = meta.putArray("codecs");
        codecs.addObject().put("name", "bytes").putObject("configuration").put("endian", "little");
        codecs.addObject().put("name", "zstd").putObject("configuration").put("level", 0).put("checksum", false);
        meta.putObject("attributes");
        meta.put("zarr_format", 3);
        meta.put("node_type", "array");
        meta.putArray("storage_transformers");
        writeAtomically(dir.resolve("zarr.json"), JSON.writeValueAsBytes(meta));
        return meta;
    }

    private static void ensureGroup(Path dir) throws IOException {
        Path meta = dir.resolve("zarr.json");
        if (!Files.exists(meta)) {
            Files.createDirectories(dir);
            ObjectNode group = JSON.createObjectNode().put("zarr_format", 3).put("node_type", "group");
            group.putObject("attributes");
            writeAtomically(meta, JSON.writeValueAsBytes(group));
        }
    }

    /** Reads and checks an array's metadata: only the docs/api.md §6.1 layout is understood. */
    private ObjectNode readMeta(ArrayKey key) {
        try {
            JsonNode meta = JSON.readTree(arrayDir(key).resolve("zarr.json").toFile());
            if (meta.path("zarr_format").asInt() != 3 || !"array".equals(meta.path("node_type").asText())) {
                throw new VoxelFormatException(key.name() + " is not a zarr v3 array");
            }
            if (DType.ofZarrName(meta.path("data_type").asText()) != key.dtype()) {
                throw new VoxelFormatException(key.name() + " holds " + meta.path("data_type").asText());
            }
            JsonNode chunkShape = meta.path("chunk_grid").path("configuration").path("chunk_shape");
            int[] expected = key.elementShape();
            if (chunkShape.size() != 4 || chunkShape.get(0).asInt() != 1 || chunkShape.get(1).asInt() != expected[0]
                    || chunkShape.get(2).asInt() != expected[1] || chunkShape.get(3).asInt() != expected[2]) {
                throw new VoxelFormatException(key.name() + " is not chunked one element per chunk");
            }
            String separator = meta.path("chunk_key_encoding").path("configuration").path("separator").asText("/");
            if (!"default".equals(meta.path("chunk_key_encoding").path("name").asText("default")) || !"/".equals(separator)) {
                throw new VoxelFormatException(key.name() + " uses an unsupported chunk key encoding");
            }
            compressed(meta); // validates the codec chain
            return (ObjectNode) meta;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bytes} (little endian) optionally followed by {@code zstd}; anything else is refused. */
    private static boolean compressed(JsonNode meta) {
        JsonNode codecs = meta.path("codecs");
        if (codecs.size() == 0 || codecs.size() > 2 || !"bytes".equals(codecs.get(0).path("name").asText())
                || "big".equals(codecs.get(0).path("configuration").path("endian").asText("little"))) {
            throw new VoxelFormatException("unsupported zarr codecs: " + codecs);
        }
        if (codecs.size() == 2 && !"zstd".equals(codecs.get(1).path("name").asText())) {
            throw new VoxelFormatException("unsupported zarr codecs: " + codecs);
        }
        return codecs.size() == 2;
    }

    private Path arrayDir(ArrayKey key) {
        return root.resolve(key.group()).resolve(key.name());
    }

    private Path chunkPath(ArrayKey key, long index) {
        return arrayDir(key).resolve("c").resolve(Long.toString(index)).resolve("0").resolve("0").resolve("0");
    }

    private static boolean allZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(ArrayKey key, IoAction<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(arrayDir(key).toAbsolutePath().normalize(), p -> new ReentrantLock());
        lock.lock();
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}
