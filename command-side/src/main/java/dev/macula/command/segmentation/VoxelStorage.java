package dev.macula.command.segmentation;

import dev.macula.api.common.Futures;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.EncodedVoxels;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Where segmentation voxels go: every version as a blob, the current one mirrored into the zarr store.
 * A data write may store its blob while its command runs ({@link #storeDuringCommand}); the command
 * then waits for it before it commits ({@link BlobsBeforeCommit}), so an event never names a blob
 * that is not on disk.
 */
@Component
class VoxelStorage {

    private static final Executor BACKGROUND = task -> Thread.ofVirtual().name("voxel-blob").start(task);

    final BlobStore blobs;
    final ZarrStore zarr;
    /** Blob writes under way, by checksum: what a data command waits for before it commits. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> storing = new ConcurrentHashMap<>();

    VoxelStorage(@Value("${macula.data-dir}") Path dataDir,
                 @Value("${macula.segmentations-zarr-store}") Path zarrRoot) {
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
        this.zarr = new ZarrStore(zarrRoot);
    }

    /** The original's group name: the stringified enum (docs/api.md §6.1). */
    static ZarrStore.ArrayKey key(DataRepresentation representation, Datatype type, int depth, int height, int width) {
        return new ZarrStore.ArrayKey("DataRepresentation." + representation.name(), type.element(), depth, height, width);
    }

    /**
     * Starts compressing and writing the blob on another thread, to overlap the command that names it
     * (loading the aggregate and the inline projections mostly wait for PostgreSQL). Closing the
     * handle waits for the write and forgets it; send the command in between.
     */
    BlobWrite storeDuringCommand(EncodedVoxels voxels) {
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> blobs.put(voxels), BACKGROUND);
        storing.putIfAbsent(voxels.checksum(), write); // the same content under way already: either write will do
        return new BlobWrite(voxels.checksum(), write);
    }

    /** A blob write started by {@link #storeDuringCommand}. */
    final class BlobWrite implements AutoCloseable {

        private final String checksum;
        private final CompletableFuture<Void> write;

        private BlobWrite(String checksum, CompletableFuture<Void> write) {
            this.checksum = checksum;
            this.write = write;
        }

        /** Waits for the write (its failure, if the command did not already report it, is reported here). */
        @Override
        public void close() {
            try {
                Futures.join(write);
            } finally {
                storing.remove(checksum, write);
            }
        }
    }

    /**
     * Before an event naming {@code checksum} commits: waits for a write of that blob under way, then
     * makes sure it is on disk (a command naming a blob nobody stored fails instead of committing).
     */
    void requireStored(String checksum) {
        CompletableFuture<Void> write = storing.get(checksum);
        if (write != null) {
            Futures.join(write);
        }
        if (!blobs.exists(checksum)) {
            throw new IllegalStateException("Segmentation data " + checksum + " is not in the blob store");
        }
    }

    /** The zarr store follows the committed version, for tools that read it directly. */
    void mirror(SegmentationLookups.StoredVoxels row, NdArray data) {
        mirror(row, EncodedVoxels.encode(data));
    }

    /** As above, with the frame the blob store got: the zarr chunk is the same zstd frame. */
    void mirror(SegmentationLookups.StoredVoxels row, EncodedVoxels data) {
        var key = key(row.representation(), row.type(), row.shape()[0], row.shape()[1], row.shape()[2]);
        if (row.zarrIndex() != null && row.zarrIndex() < zarr.length(key)) {
            zarr.write(key, row.zarrIndex(), data);
        }
    }

    NdArray current(String checksum, Datatype type, int[] shape) {
        int size = Math.toIntExact(NdArray.elements(shape) * type.element().size());
        return blobs.get(checksum, size).map(data -> new NdArray(type.element(), shape, data))
                .orElseGet(() -> NdArray.zeros(type.element(), shape));
    }
}
