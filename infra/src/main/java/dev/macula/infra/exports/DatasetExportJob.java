package dev.macula.infra.exports;

import dev.macula.api.history.TimeTravel;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.infra.jobs.JobRunner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes one dataset snapshot (issue 15 item 2): reads its tables as of the request's position (one
 * consistent moment, also for an export "as of now"), writes them as Parquet and CSV, each mask as
 * {@code masks/<id>.npy} (the blob of the version current at that moment: the blob store keeps every
 * version), then the manifest and the zip under {@code <data dir>/exports/<task id>.zip}.
 */
@Component
class DatasetExportJob {

    private final SnapshotReader reader;
    private final TimeTravel timeTravel;
    private final ExportRecords records;
    private final BlobStore blobs;
    private final Path exportsDir;

    DatasetExportJob(SnapshotReader reader, TimeTravel timeTravel, ExportRecords records,
                     @Value("${macula.data-dir}") Path dataDir) {
        this.reader = reader;
        this.timeTravel = timeTravel;
        this.records = records;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
        this.exportsDir = dataDir.resolve("exports");
    }

    /** The tables as they were at the request's position. */
    private record Snapshot(Table images, Table tags, Table forms, Table segmentations, Table attributes) {

        List<Table> all() {
            return List.of(images, tags, forms, segmentations, attributes);
        }
    }

    void run(UUID id, ExportRequest request, String instant, JobRunner.Tracker tracker) throws Exception {
        Snapshot snapshot = timeTravel.at(request.position(), () -> new Snapshot(reader.images(request),
                reader.tags(request), FormColumns.table(reader.forms(request)), reader.segmentations(request),
                reader.attributes(request)));
        MaskColumns columns = new MaskColumns(snapshot.segmentations());
        List<List<Object>> masks = snapshot.segmentations().rows().stream()
                .filter(row -> row.get(columns.mask()) != null).toList();
        tracker.total(snapshot.all().size() + masks.size());
        Path dir = exportsDir.resolve(id + ".d");
        Files.createDirectories(dir.resolve("masks"));
        try {
            for (Table table : snapshot.all()) {
                TableFiles.write(table, dir);
                tracker.done(true);
            }
            for (List<Object> mask : masks) {
                writeMask(columns, mask, dir);
                tracker.done(true);
            }
            Map<String, Integer> counts = new TreeMap<>();
            snapshot.all().forEach(table -> counts.put(table.name(), table.rows().size()));
            counts.put("masks", masks.size());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("format", 1);
            fields.put("macula_version", MaculaVersion.current());
            fields.put("position", request.position());
            fields.put("instant", instant);
            fields.put("project", Map.of("id", request.projectId(), "name", request.projectName()));
            fields.put("task_id", request.taskId());
            fields.put("row_counts", counts);
            SnapshotArchive.manifest(dir, fields);
            Path zip = exportsDir.resolve(id + ".zip");
            SnapshotArchive.zip(dir, zip);
            records.finish(id, zip.toString(), sha256(zip), Files.size(zip), counts);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Where the segmentations table keeps what a mask file needs. */
    private record MaskColumns(int id, int dataType, int depth, int height, int width, int checksum, int mask) {

        MaskColumns(Table segmentations) {
            this(index(segmentations, "segmentation_id"), index(segmentations, "data_type"), index(segmentations, "depth"),
                    index(segmentations, "height"), index(segmentations, "width"), index(segmentations, "checksum"),
                    index(segmentations, "mask"));
        }

        private static int index(Table table, String column) {
            return table.columns().stream().map(Table.Column::name).toList().indexOf(column);
        }
    }

    private void writeMask(MaskColumns columns, List<Object> segmentation, Path dir) throws IOException {
        Datatype type = Datatype.valueOf((String) segmentation.get(columns.dataType()));
        int[] shape = {(Integer) segmentation.get(columns.depth()), (Integer) segmentation.get(columns.height()),
                (Integer) segmentation.get(columns.width())};
        String checksum = (String) segmentation.get(columns.checksum());
        int size = Math.toIntExact(NdArray.elements(shape) * type.element().size());
        byte[] data = blobs.get(checksum, size).orElseThrow(() -> new IllegalStateException("the data of segmentation "
                + segmentation.get(columns.id()) + " (blob " + checksum + ") is missing"));
        Files.write(dir.resolve((String) segmentation.get(columns.mask())),
                Npy.write(new NdArray(type.element(), shape, data)));
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
