package dev.macula.query.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.Slices;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The data responses of docs/api.md §6.6: whole array or one slice, as a gzip-encoded {@code .npy}. */
final class VoxelResponses {

    private VoxelResponses() {
    }

    /**
     * The stored version {@code checksum} of an array of that type and shape, whole or one slice. The
     * whole array goes from the blob's zstd frame into gzip piece by piece behind its {@code .npy}
     * header: the voxels are never held uncompressed as a whole, nor copied.
     */
    static ResponseEntity<byte[]> npy(BlobStore blobs, String checksum, DType dtype, int[] shape, String axisText,
                                      String scanText, String filename, String etag, String notFound) {
        if (!blobs.exists(checksum)) {
            throw ApiException.notFound(notFound);
        }
        Integer axis = axisText == null ? null : LaxValues.queryInt("axis", axisText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Integer scanNr = scanText == null ? null : LaxValues.queryInt("scan_nr", scanText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if ((axis == null) != (scanNr == null)) {
            throw ApiException.badRequest("Both axis and slice_index must be provided together for slice operations");
        }
        int size = Math.toIntExact(NdArray.elements(shape) * dtype.size());
        byte[] body;
        if (axis == null) {
            byte[] header = Npy.header(dtype, shape);
            GzipBody gzip = new GzipBody(header.length + (long) size);
            try {
                gzip.write(header, 0, header.length);
                if (!blobs.stream(checksum, size, gzip::write)) {
                    throw ApiException.notFound(notFound);
                }
                body = gzip.finish();
            } finally {
                gzip.end();
            }
        } else {
            if (axis < 0 || axis > 2) {
                throw ApiException.badRequest("Invalid axis: " + axis + ". Must be 0 (depth), 1 (height), or 2 (width)");
            }
            int length = shape[axis];
            if (scanNr < 0 || scanNr >= length) {
                throw ApiException.badRequest("Invalid slice_index: " + scanNr + ". Must be in range [0, " + length + ")");
            }
            NdArray volume = new NdArray(dtype, shape, blobs.get(checksum, size)
                    .orElseThrow(() -> ApiException.notFound(notFound)));
            body = GzipBody.of(Npy.write(Slices.read(volume, axis, scanNr)));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                .contentLength(body.length);
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        return response.body(body);
    }
}
