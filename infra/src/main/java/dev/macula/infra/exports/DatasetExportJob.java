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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
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
    private record Snapshot(Table images, Table tags, Table forms, Table segmentations) {

        List<Table> all() {
            return List.of(images, tags, forms, segmentations);
        }
    }

    void run(UUID id, ExportRequest request, String instant, JobRunner.Tracker tracker) throws Exception {
        Snapshot snapshot = timeTravel.at(request.position(), () -> new Snapshot(reader.images(request),
                reader.tags(request), FormColumns.table(reader.forms(request)), reader.segmentations(request)));
        List<List<Object>> masks = snapshot.segmentations().rows().stream().filter(row -> row.get(MASK) != null).toList();
        tracker.total(snapshot.all().size() + masks.size());
        Path dir = exportsDir.resolve(id + ".d");
        Files.createDirectories(dir.resolve("masks"));
        try {
            for (Table table : snapshot.all()) {
                TableFiles.write(table, dir);
                tracker.done(true);
            }
            for (List<Object> mask : masks) {
                writeMask(mask, dir);
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

    // columns of SnapshotReader.segmentations
    private static final int ID = 0;
    private static final int DATA_TYPE = 7;
    private static final int DEPTH = 8;
    private static final int CHECKSUM = 12;
    private static final int MASK = 13;

    private void writeMask(List<Object> segmentation, Path dir) throws IOException {
        Datatype type = Datatype.valueOf((String) segmentation.get(DATA_TYPE));
        int[] shape = {(Integer) segmentation.get(DEPTH), (Integer) segmentation.get(DEPTH + 1),
                (Integer) segmentation.get(DEPTH + 2)};
        String checksum = (String) segmentation.get(CHECKSUM);
        int size = Math.toIntExact(NdArray.elements(shape) * type.element().size());
        byte[] data = blobs.get(checksum, size).orElseThrow(() -> new IllegalStateException(
                "the data of segmentation " + segmentation.get(ID) + " (blob " + checksum + ") is missing"));
        Files.write(dir.resolve((String) segmentation.get(MASK)), Npy.write(new NdArray(type.element(), shape, data)));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
