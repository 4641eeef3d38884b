package dev.macula.query.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.Slices;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** The data responses of docs/api.md §6.6: whole array or one slice, as a gzip-encoded {@code .npy}. */
final class VoxelResponses {

    private VoxelResponses() {
    }

    static ResponseEntity<byte[]> npy(NdArray volume, String axisText, String scanText, String filename, String etag)
            throws IOException {
        Integer axis = axisText == null ? null : LaxValues.queryInt("axis", axisText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Integer scanNr = scanText == null ? null : LaxValues.queryInt("scan_nr", scanText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if ((axis == null) != (scanNr == null)) {
            throw ApiException.badRequest("Both axis and slice_index must be provided together for slice operations");
        }
        NdArray array = volume;
        if (axis != null) {
            if (axis < 0 || axis > 2) {
                throw ApiException.badRequest("Invalid axis: " + axis + ". Must be 0 (depth), 1 (height), or 2 (width)");
            }
            int size = volume.shape()[axis];
            if (scanNr < 0 || scanNr >= size) {
                throw ApiException.badRequest("Invalid slice_index: " + scanNr + ". Must be in range [0, " + size + ")");
            }
            array = Slices.read(volume, axis, scanNr);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(Npy.write(array));
        }
        byte[] body = out.toByteArray();
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
