package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * For each image: {@code GET /instances/{id}} with every {@code with_*} flag against {@link InstanceGet}; for
 * each of its segmentations the voxel data, and for an inactive one (absent from the image's answer)
 * {@code GET /segmentations/{id}}; for each of its model segmentations the voxel data.
 */
final class InstanceChecks {

    private static final int BATCH = 100;

    private final EyenedSource source;
    private final Answers answers;
    private final InstanceGet instances;
    private final FeatureGet features;
    private final DataSkips skips;
    private final VoxelChecks voxels;
    private final VerificationReport report;

    InstanceChecks(EyenedSource source, Answers answers, FeatureGet features, DataSkips skips, VoxelChecks voxels,
                   VerificationReport report) {
        this.source = source;
        this.answers = answers;
        this.instances = new InstanceGet(features, skips);
        this.features = features;
        this.skips = skips;
        this.voxels = voxels;
        this.report = report;
    }

    void run(List<Long> imageIds, PrintStream progress) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < imageIds.size(); from += BATCH) {
            List<Long> ids = imageIds.subList(from, Math.min(imageIds.size(), from + BATCH));
            answers.renewToken();
            SourceBatch batch = SourceBatch.load(source, ids);
            List<Callable<Void>> checks = new ArrayList<>();
            for (long id : ids) {
                SourceRow image = batch.images().get(id);
                if (image != null) {
                    checks.add(() -> image(image, batch));
                    segmentations(id, batch, checks);
                }
            }
            Answers.inParallel(checks);
            double seconds = (System.nanoTime() - started) / 1e9;
            int done = from + ids.size();
            progress.printf("\rverifying images %,9d of %,d  %,7.0f images/s", done, imageIds.size(), done / seconds);
        }
        progress.printf("\rverifying images done%40s%n", "");
    }

    private Void image(SourceRow image, SourceBatch batch) throws Exception {
        String id = image.text("ImageInstanceID");
        InstanceGet.Expected expected = instances.of(image, batch);
        JsonDiff.Sink sink = report.of("instance", id);
        JsonDiff.compare("", expected.answer(), answers.json("/api/instances/" + id + InstanceGet.QUERY), sink);
        for (InstanceGet.Absent absent : expected.absent()) {
            sink.allowed(absent.path(), absent.reason(), absent.original(), MissingNode.getInstance());
        }
        report.checked("image answers", 1);
        return null;
    }

    private void segmentations(long image, SourceBatch batch, List<Callable<Void>> checks) {
        for (SourceRow row : SourceBatch.of(batch.segmentations(), image)) {
            if (skips.segmentation(row) != null) {
                continue; // absent on purpose, listed with the image
            }
            checks.add(() -> {
                voxels.segmentation(row);
                return null;
            });
            if (row.flag("Inactive")) {
                checks.add(() -> inactive(row, batch));
            }
        }
        for (SourceRow row : SourceBatch.of(batch.modelSegmentations(), image)) {
            if (skips.modelSegmentation(row) == null) {
                checks.add(() -> {
                    voxels.modelSegmentation(row);
                    return null;
                });
            }
        }
    }

    /** An inactive segmentation is not in its image's answer, but still readable by id (docs/api.md §1.4). */
    private Void inactive(SourceRow row, SourceBatch batch) throws Exception {
        long id = row.id("SegmentationID");
        JsonDiff.compare("", SegmentationGet.standalone(row, features.of(row.longOrNull("FeatureID")),
                        SourceBatch.tagMetas(SourceBatch.of(batch.segmentationTags(), id))),
                answers.json("/api/segmentations/" + id), report.of("segmentation", Long.toString(id)));
        report.checked("inactive segmentation answers", 1);
        return null;
    }
}
