package dev.macula.tools.migrate.verify;

import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.tools.migrate.SourceRow;
import dev.macula.tools.migrate.VoxelSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The voxels Macula serves ({@code GET /segmentations/{id}/data}, {@code GET /model-segmentations/{id}/data}:
 * its blob of the current version, gzip-encoded {@code .npy}) against what the original's zarr store holds at
 * the row's ZarrArrayIndex, read with the migration's own reader: data type, shape and SHA-256 of the voxels.
 */
final class VoxelChecks {

    private final Answers answers;
    private final VoxelSource voxels;
    private final VerificationReport report;

    VoxelChecks(Answers answers, VoxelSource voxels, VerificationReport report) {
        this.answers = answers;
        this.voxels = voxels;
        this.report = report;
    }

    /** A grader segmentation's data; the row was migrated (no {@link DataSkips} reason). */
    void segmentation(SourceRow row) throws Exception {
        compare("segmentation data", row.text("SegmentationID"), "/api/segmentations/" + row.id("SegmentationID") + "/data",
                VoxelSource.arrayKey(row, VoxelSource.graderGroup(row)), row.longOrNull("ZarrArrayIndex"));
    }

    /** A model's output (the row with its model's ModelName and ModelVersion). */
    void modelSegmentation(SourceRow row) throws Exception {
        compare("model segmentation data", row.text("ModelSegmentationID"),
                "/api/model-segmentations/" + row.id("ModelSegmentationID") + "/data",
                VoxelSource.arrayKey(row, VoxelSource.modelGroup(row)), row.longOrNull("ZarrArrayIndex"));
    }

    /** {@code index} null: the row has no data, so Macula answers 204, as the original does. */
    private void compare(String kind, String id, String path, ZarrStore.ArrayKey key, Long index) throws Exception {
        HttpResponse<byte[]> response = answers.bytes(path);
        report.checked(kind, 1);
        if (index == null) {
            if (response.statusCode() != 204) {
                report.mismatch(new VerificationReport.Difference(kind, id, "(whole answer)", "204 (no data)",
                        "HTTP " + response.statusCode()));
            }
            return;
        }
        NdArray original = voxels.read(key, index);
        if (response.statusCode() != 200) {
            report.mismatch(new VerificationReport.Difference(kind, id, "(whole answer)",
                    "200 with " + describe(original), "HTTP " + response.statusCode()));
            return;
        }
        NdArray served;
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            served = Npy.read(gzip.readAllBytes());
        }
        if (served.dtype() != original.dtype()) {
            report.mismatch(new VerificationReport.Difference(kind, id, "dtype", original.dtype().toString(),
                    served.dtype().toString()));
        }
        if (!Arrays.equals(served.shape(), original.shape())) {
            report.mismatch(new VerificationReport.Difference(kind, id, "shape", NdArray.python(original.shape()),
                    NdArray.python(served.shape())));
        }
        String expected = BlobStore.sha256(original.data());
        String actual = BlobStore.sha256(served.data());
        if (!expected.equals(actual)) {
            report.mismatch(new VerificationReport.Difference(kind, id, "sha256", expected, actual));
        }
    }

    private static String describe(NdArray array) {
        return array.dtype() + " " + NdArray.python(array.shape());
    }
}
