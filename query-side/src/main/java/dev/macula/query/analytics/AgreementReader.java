package dev.macula.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.analytics.AnalyticsMessages.FieldAgreement;
import dev.macula.api.analytics.AnalyticsMessages.PairOverlap;
import dev.macula.api.analytics.AnalyticsMessages.SegmentationAgreement;
import dev.macula.api.analytics.AnalyticsMessages.TagAgreement;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.tagging.TagType;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Inter-grader agreement on a task's images, from the read models (as of the moment the caller's
 * transaction reads). A form annotation or segmentation belongs to the task when its sub-task is one
 * of the task's; per grader, image and schema (or feature) the newest active one (highest id) counts.
 * See docs/analytics.md for the definitions.
 */
@Component
class AgreementReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final BlobStore blobs;

    AgreementReader(JdbcTemplate jdbc, @Value("${macula.data-dir}") Path dataDir) {
        this.jdbc = jdbc;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
    }

    /**
     * Per form schema and categorical field (a top-level property with an {@code enum}, or of type
     * boolean or string), the graders' answers on the images: kappa.
     */
    List<FieldAgreement> formFields(long taskId) {
        Map<Long, JsonNode> schemas = new TreeMap<>();
        // (schema, field) → ratings; the newest annotation of a grader on an image comes last and wins
        Map<Long, Map<String, RatingTable>> tables = new TreeMap<>();
        jdbc.query("""
                select f.form_schema_id, f.image_instance_id, f.creator_id, f.form_data, fs.schema
                from form_annotation f join form_schema fs on fs.id = f.form_schema_id
                where not f.inactive and f.image_instance_id is not null
                  and f.sub_task_id in (select id from subtask where task_id = ?)
                order by f.id""", rs -> {
            long schemaId = rs.getLong("form_schema_id");
            String schemaText = rs.getString("schema");
            JsonNode schema = schemas.computeIfAbsent(schemaId, id -> parse(schemaText));
            JsonNode data = parse(rs.getString("form_data"));
            Map<String, RatingTable> fields = tables.computeIfAbsent(schemaId, id -> new TreeMap<>());
            for (String field : categoricalFields(schema)) {
                JsonNode value = data.path(field);
                if (value.isValueNode() && !value.isNull()) {
                    fields.computeIfAbsent(field, name -> new RatingTable())
                            .rate(rs.getLong("image_instance_id"), rs.getLong("creator_id"), value.asText());
                }
            }
        }, taskId);
        List<FieldAgreement> answer = new ArrayList<>();
        tables.forEach((schemaId, fields) -> fields.forEach((field, table) -> {
            RatingTable.Result result = table.result();
            if (result != null) {
                answer.add(new FieldAgreement(schemaId, field, result.method(), result.kappa(), result.items(),
                        result.graders(), result.itemsExcluded()));
            }
        }));
        return answer;
    }

    /**
     * Per tag attached to one of the items by one of its graders: for every item and every grader of
     * it, whether that grader is the tagger of that tag on the image (1) or not (0).
     *
     * @param gradersOfImage image → its graders (those of the task's sub-tasks that hold it)
     */
    List<TagAgreement> tags(Map<Long, Set<Long>> gradersOfImage) {
        Map<Long, Set<Long>> items = gradersOfImage.entrySet().stream().filter(e -> e.getValue().size() >= 2)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (items.isEmpty()) {
            return List.of();
        }
        SortedMap<Long, String> tagNames = new TreeMap<>();
        Map<Long, Map<Long, Long>> taggerByTagAndImage = new TreeMap<>();
        jdbc.query("""
                select l.tag_id, t.name, l.object_id, l.tagger_id from tag_link l join tag t on t.id = l.tag_id
                where l.object_type = ? and l.object_id = any(string_to_array(?, ',')::bigint[])""", rs -> {
            long image = rs.getLong("object_id");
            long tagger = rs.getLong("tagger_id");
            if (items.get(image).contains(tagger)) {
                tagNames.put(rs.getLong("tag_id"), rs.getString("name"));
                taggerByTagAndImage.computeIfAbsent(rs.getLong("tag_id"), id -> new TreeMap<>()).put(image, tagger);
            }
        }, TagType.ImageInstance.name(), joined(items.keySet()));
        List<TagAgreement> answer = new ArrayList<>();
        tagNames.forEach((tagId, name) -> {
            RatingTable table = new RatingTable();
            Map<Long, Long> taggers = taggerByTagAndImage.get(tagId);
            items.forEach((image, graders) -> graders.forEach(grader ->
                    table.rate(image, grader, grader.equals(taggers.get(image)) ? "1" : "0")));
            RatingTable.Result result = table.result();
            answer.add(new TagAgreement(tagId, name, result.method(), result.kappa(), result.items(), result.graders(),
                    result.itemsExcluded()));
        });
        return answer;
    }

    private record Mask(long grader, Datatype type, int[] shape, String checksum) {
    }

    /**
     * Per feature, per pair of graders who both segmented an image: Dice and IoU of their masks as
     * stored at the moment (no data yet = an empty mask). Pairs whose masks differ in shape or data
     * type are left out. The feature's means pool every (pair, image) comparison.
     */
    List<SegmentationAgreement> segmentations(long taskId) {
        SortedMap<Long, String> featureNames = new TreeMap<>();
        // feature → image → grader → newest mask
        Map<Long, SortedMap<Long, SortedMap<Long, Mask>>> masks = new TreeMap<>();
        jdbc.query("""
                select s.feature_id, f.name, s.image_instance_id, s.creator_id, s.data_type, s.depth, s.height, s.width,
                       s.data_checksum
                from segmentation s join feature f on f.id = s.feature_id
                where not s.inactive and s.subtask_id in (select id from subtask where task_id = ?)
                order by s.id""", rs -> {
            featureNames.put(rs.getLong("feature_id"), rs.getString("name"));
            Mask mask = new Mask(rs.getLong("creator_id"), Datatype.valueOf(rs.getString("data_type")),
                    new int[]{rs.getInt("depth"), rs.getInt("height"), rs.getInt("width")}, rs.getString("data_checksum"));
            masks.computeIfAbsent(rs.getLong("feature_id"), id -> new TreeMap<>())
                    .computeIfAbsent(rs.getLong("image_instance_id"), id -> new TreeMap<>()).put(mask.grader(), mask);
        }, taskId);
        List<SegmentationAgreement> answer = new ArrayList<>();
        masks.forEach((featureId, images) -> {
            Map<List<Long>, List<MaskOverlap.Overlap>> byPair = new TreeMap<>(AgreementReader::comparePairs);
            int items = 0;
            for (SortedMap<Long, Mask> ofImage : images.values()) {
                if (ofImage.size() < 2) {
                    continue;
                }
                items++;
                List<Mask> graders = List.copyOf(ofImage.values());
                Map<Mask, Optional<byte[]>> loaded = new IdentityHashMap<>(); // each mask read once
                for (int i = 0; i < graders.size(); i++) {
                    for (int j = i + 1; j < graders.size(); j++) {
                        Mask a = graders.get(i); // a.grader() < b.grader(): the map is sorted by grader id
                        Mask b = graders.get(j);
                        overlap(a, b, loaded).ifPresent(overlap -> byPair.computeIfAbsent(List.of(a.grader(), b.grader()),
                                pair -> new ArrayList<>()).add(overlap));
                    }
                }
            }
            if (items == 0) {
                return;
            }
            List<PairOverlap> pairs = new ArrayList<>();
            List<MaskOverlap.Overlap> all = new ArrayList<>();
            byPair.forEach((pair, overlaps) -> {
                all.addAll(overlaps);
                pairs.add(new PairOverlap(pair, mean(overlaps, MaskOverlap.Overlap::dice),
                        mean(overlaps, MaskOverlap.Overlap::iou), overlaps.size()));
            });
            answer.add(new SegmentationAgreement(featureId, featureNames.get(featureId),
                    mean(all, MaskOverlap.Overlap::dice), mean(all, MaskOverlap.Overlap::iou), items, pairs));
        });
        return answer;
    }

    private Optional<MaskOverlap.Overlap> overlap(Mask a, Mask b, Map<Mask, Optional<byte[]>> loaded) {
        if (a.type().element().size() != b.type().element().size() || !Arrays.equals(a.shape(), b.shape())) {
            return Optional.empty();
        }
        Optional<byte[]> dataA = loaded.computeIfAbsent(a, this::voxels);
        Optional<byte[]> dataB = loaded.computeIfAbsent(b, this::voxels);
        if (dataA.isEmpty() || dataB.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(MaskOverlap.of(dataA.get(), dataB.get(), a.type().element().size()));
    }

    /** The mask's voxels; an empty mask before its first write; empty when its blob is missing. */
    private Optional<byte[]> voxels(Mask mask) {
        int size = Math.toIntExact(NdArray.elements(mask.shape()) * mask.type().element().size());
        return mask.checksum() == null ? Optional.of(new byte[size]) : blobs.get(mask.checksum(), size);
    }

    private static Double mean(List<MaskOverlap.Overlap> overlaps, ToDoubleFunction<MaskOverlap.Overlap> value) {
        return overlaps.isEmpty() ? null : overlaps.stream().mapToDouble(value).average().orElseThrow();
    }

    private static int comparePairs(List<Long> a, List<Long> b) {
        int first = Long.compare(a.get(0), b.get(0));
        return first != 0 ? first : Long.compare(a.get(1), b.get(1));
    }

    private static List<String> categoricalFields(JsonNode schema) {
        List<String> fields = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> {
            JsonNode definition = property.getValue();
            String type = definition.path("type").asText("");
            if (definition.has("enum") || type.equals("boolean") || type.equals("string")) {
                fields.add(property.getKey());
            }
        });
        return fields;
    }

    static String joined(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static JsonNode parse(String text) {
        try {
            return text == null ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
