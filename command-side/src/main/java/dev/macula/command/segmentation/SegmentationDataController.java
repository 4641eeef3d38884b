package dev.macula.command.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.Futures;
import dev.macula.api.common.LaxValues;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.WriteSegmentationDataCommand;
import dev.macula.api.segmentation.SegmentationRowView;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.EncodedVoxels;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.NpyUpload;
import dev.macula.api.voxels.Slices;
import dev.macula.api.voxels.UnsupportedDtypeException;
import dev.macula.api.voxels.VoxelFormatException;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.segmentation.SegmentationLookups.StoredVoxels;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code PUT /api/segmentations/{id}/data} (docs/api.md §6.5): whole array or one slice. Each write is a
 * new version whose content goes to the blob store first; {@code If-Match: <version>} makes it
 * conditional (409 when stale). The zarr store mirrors the current version.
 */
@RestController
class SegmentationDataController {

    private static final String NOT_FOUND = "Segmentation data not found";
    /** For work that waits on something else (PostgreSQL, files) while the request's thread goes on. */
    private static final Executor ALONGSIDE = task -> Thread.ofVirtual().name("voxel-write").start(task);

    private final CommandDispatcher commands;
    private final SegmentationLookups lookups;
    private final VoxelStorage storage;
    private final long maxBytes;

    SegmentationDataController(CommandDispatcher commands, SegmentationLookups lookups, VoxelStorage storage,
                               @org.springframework.beans.factory.annotation.Value(
                                       "${macula.max-upload-bytes:67108864}") long maxBytes) {
        this.commands = commands;
        this.lookups = lookups;
        this.storage = storage;
        this.maxBytes = maxBytes;
    }

    @PutMapping("/api/segmentations/{segmentation_id}/data")
    SegmentationRowView write(@PathVariable("segmentation_id") long segmentationId,
                        @RequestParam(name = "axis", required = false) String axisText,
                        @RequestParam(name = "scan_nr", required = false) String scanText,
                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (!contentType.split(";")[0].strip().equalsIgnoreCase("application/octet-stream")) {
            throw ApiException.badRequest("Unsupported media type: " + contentType);
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw new ApiException(413, "Request body too large (limit " + maxBytes + " bytes)");
        }
        // the row is looked up while the body arrives; the answers keep their order (404 before the rest)
        CompletableFuture<Optional<StoredVoxels>> stored = CompletableFuture.supplyAsync(
                () -> lookups.voxels(segmentationId), ALONGSIDE);
        NpyUpload upload = body(request);
        byte[] body = upload.body();
        StoredVoxels row = Futures.join(stored).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        Integer axis = axisText == null ? null : LaxValues.queryInt("axis", axisText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Integer scanNr = scanText == null ? null : LaxValues.queryInt("scan_nr", scanText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (body.length > maxBytes) {
            throw new ApiException(413, "Request body too large (limit " + maxBytes + " bytes)");
        }
        Npy.Header array = decode(body);
        int[] shape = row.shape();
        EncodedVoxels next;
        if (array.ndim() == 2 && scanNr == null) {
            if (axis == null) {
                throw ApiException.badRequest("axis must be provided for 2D writes");
            }
            next = EncodedVoxels.of(slice(row, body, array, axis, 0));
            scanNr = null;
        } else if ((axis == null) != (scanNr == null)) {
            throw ApiException.badRequest("Both axis and slice_index must be provided together for slice operations");
        } else if (axis != null) {
            next = EncodedVoxels.of(slice(row, body, array, axis, scanNr));
        } else {
            if (array.ndim() != 3) {
                throw ApiException.badRequest("Expected 3D array (D, H, W), got shape " + NdArray.python(array.shape()));
            }
            if (!Arrays.equals(array.shape(), shape)) {
                throw ApiException.badRequest("Expected spatial dimensions " + NdArray.python(shape) + ", got "
                        + NdArray.python(array.shape()));
            }
            requireType(row, array.dtype());
            // a whole write in C order is stored straight from the request's bytes, hashed as they arrived
            next = array.inPlace()
                    ? EncodedVoxels.of(array.dtype(), array.shape(), body, array.offset(), array.length(),
                    upload.checksum(array.offset(), array.length()))
                    : EncodedVoxels.of(Npy.read(body));
        }
        long received = System.nanoTime();
        try (VoxelStorage.BlobWrite blob = storage.storeDuringCommand(next)) {
            commands.send(new WriteSegmentationDataCommand(SegmentationId.of(segmentationId), version(ifMatch),
                    next.checksum(), next.length(), axis, scanNr), NOT_FOUND);
        }
        long committed = System.nanoTime();
        // the mirror (files) and the answer (a query) are independent once the event is committed
        CompletableFuture<Void> mirrored = CompletableFuture.runAsync(() -> storage.mirror(row, next), ALONGSIDE);
        SegmentationRowView answer = lookups.row(segmentationId);
        Futures.join(mirrored);
        // where a save's time went, for browsers' dev tools and the mask benchmark: the body (read,
        // hashed, decoded), the command (blob stored and forced to disk, event committed), the mirror
        // and the answer
        response.setHeader("Server-Timing", String.format(Locale.ROOT,
                "body;dur=%.1f, command;dur=%.1f, mirror;dur=%.1f", (received - started) / 1e6,
                (committed - received) / 1e6, (System.nanoTime() - committed) / 1e6));
        return answer;
    }

    /**
     * The request body. With a Content-Length (checked against the limit before), read into one array
     * of that size with the {@code .npy} data hashed while it arrives; {@code readNBytes(limit)} would
     * gather it in 8 KB pieces and copy it twice.
     */
    private NpyUpload body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        InputStream in = request.getInputStream();
        if (declared < 0 || declared > maxBytes) {
            return NpyUpload.of(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)));
        }
        return NpyUpload.read(in, (int) declared);
    }

    private NdArray slice(StoredVoxels row, byte[] body, Npy.Header array, int axis, int index) {
        int[] shape = row.shape();
        if (axis < 0 || axis > 2) {
            throw ApiException.badRequest("Invalid axis: " + axis + ". Must be 0 (depth), 1 (height), or 2 (width)");
        }
        if (index < 0 || index >= shape[axis]) {
            throw ApiException.badRequest("Invalid slice_index: " + index + ". Must be in range [0, " + shape[axis] + ")");
        }
        int[] expected = Slices.sliceShape(shape, axis);
        if (!Arrays.equals(array.shape(), expected)) {
            throw ApiException.badRequest("Expected slice shape " + NdArray.python(expected) + ", got "
                    + NdArray.python(array.shape()));
        }
        requireType(row, array.dtype());
        return Slices.write(storage.current(row.checksum(), row.type(), shape), axis, index, Npy.read(body));
    }

    private static void requireType(StoredVoxels row, DType dtype) {
        if (dtype != row.type().element()) {
            throw ApiException.badRequest("Expected dtype " + row.type().element().zarrName() + ", got "
                    + dtype.zarrName());
        }
    }

    /** The header only: the data is checked to be all there and left where it is. */
    private static Npy.Header decode(byte[] body) {
        try {
            return Npy.header(body);
        } catch (UnsupportedDtypeException e) {
            throw ApiException.badRequest("Expected a uint8, uint16, uint32 or float32 array, got " + e.numpyName());
        } catch (VoxelFormatException e) {
            throw ApiException.badRequest("The body is not a valid .npy array: " + e.getMessage());
        }
    }

    /** {@code If-Match: 3} or {@code "3"}; anything else is a 400. */
    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        Long parsed = LaxValues.integer(value);
        if (parsed == null) {
            throw ApiException.badRequest("If-Match must be a data version number, got " + ifMatch);
        }
        return parsed.intValue();
    }
}
