package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.voxels.DType;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random history that an admin and a few annotators make over HTTP, one request at a
 * time: imports, tags and their links with comments on images, studies, segmentations and forms,
 * segmentations with mask writes, form annotations, form schemas, features, tasks and sub-tasks,
 * stars and role changes, some of it deleted again. It keeps track of what exists (and of what was
 * deleted), so the time-machine tests know which GETs to record: {@link #paths()}.
 */
final class RandomHistory {

    /** A segmentation drawn on an image of {@code depth × height × width} voxels; a volume is painted by slices. */
    private record Mask(long id, int depth, int height, int width) {
    }

    private final Random random;
    private final Api admin;
    private final List<Api> users = new ArrayList<>();
    private final List<Long> userIds = new ArrayList<>();
    private final Map<Long, Boolean> promoted = new HashMap<>();
    private final String project = HttpTestBase.unique("timemachine");

    private final List<Long> images = new ArrayList<>();
    private final Map<Long, int[]> imageShapes = new HashMap<>();
    private final Map<Long, Long> imagePatient = new HashMap<>();
    private final Map<Long, Long> imageStudy = new HashMap<>();
    private final Set<Long> studies = new LinkedHashSet<>();
    private final Map<String, List<Long>> tags = new LinkedHashMap<>();
    private final Set<Long> deletedTags = new LinkedHashSet<>();
    /** "kind/objectId/tagId" of the links that exist now. */
    private final Set<String> links = new LinkedHashSet<>();
    private final Map<Long, Set<Long>> stars = new HashMap<>();
    private final List<Long> features = new ArrayList<>();
    private final Set<Long> usedFeatures = new LinkedHashSet<>();
    private final Set<Long> deletedFeatures = new LinkedHashSet<>();
    private final List<Mask> segmentations = new ArrayList<>();
    private final Set<Long> activeSegmentations = new LinkedHashSet<>();
    private final List<Long> schemas = new ArrayList<>();
    private final List<Long> forms = new ArrayList<>();
    private final Set<Long> activeForms = new LinkedHashSet<>();
    private final List<Long> tasks = new ArrayList<>();
    private final Set<Long> deletedTasks = new LinkedHashSet<>();
    private final Map<Long, Long> subtaskTask = new LinkedHashMap<>();
    private final Set<Long> deletedSubtasks = new LinkedHashSet<>();
    private final Map<Long, Set<Long>> subtaskImages = new HashMap<>();
    private long definition;
    private int actions;

    RandomHistory(Random random, Api admin) {
        this.random = random;
        this.admin = admin;
        for (String type : List.of("ImageInstance", "Study", "Segmentation", "FormAnnotation")) {
            tags.put(type, new ArrayList<>());
        }
    }

    /** The writes made so far (setUp's too); a step that finds nothing to do makes none. */
    int actions() {
        return actions;
    }

    /** The starting world: annotators, images in two studies (one a volume), a tag of each kind, a feature, a form and a task. */
    void setUp(List<Api> annotators, List<Long> annotatorIds) throws IOException {
        users.add(admin);
        users.addAll(annotators);
        userIds.add(admin.get("/api/auth/me").json().get("id").asLong());
        userIds.addAll(annotatorIds);
        importImage("A", "2024-01-01", 1, 12, 10);
        importImage("A", "2024-01-01", 4, 6, 5);
        importImage("B", "2024-02-02", 1, 8, 8);
        for (String type : tags.keySet()) {
            createTag(type);
        }
        createFeature();
        createSchema();
        definition = ok(admin.post("/api/task-definitions", Map.of("name", HttpTestBase.unique("def")))).get("id").asLong();
        createTask();
    }

    /** One random action by a random user; the caller counts on it succeeding. */
    void step() throws IOException {
        int dice = random.nextInt(100);
        if (dice < 4) {
            createTag(pick(List.copyOf(tags.keySet())));
        } else if (dice < 7) {
            updateTag();
        } else if (dice < 8) {
            deleteTag();
        } else if (dice < 20) {
            attach();
        } else if (dice < 26) {
            comment();
        } else if (dice < 31) {
            detach();
        } else if (dice < 36) {
            createSegmentation();
        } else if (dice < 39) {
            patchSegmentation();
        } else if (dice < 47) {
            writeMask();
        } else if (dice < 49) {
            deactivate("/api/segmentations/", activeSegmentations);
        } else if (dice < 53) {
            createForm();
        } else if (dice < 57) {
            editForm();
        } else if (dice < 59) {
            deactivate("/api/form-annotations/", activeForms);
        } else if (dice < 60) {
            createSchema();
        } else if (dice < 62) {
            createFeature();
        } else if (dice < 64) {
            renameFeature();
        } else if (dice < 65) {
            deleteFeature();
        } else if (dice < 70) {
            createSubtask();
        } else if (dice < 78) {
            editSubtask();
        } else if (dice < 81) {
            subtaskImage();
        } else if (dice < 82) {
            deleteSubtask();
        } else if (dice < 86) {
            editTask();
        } else if (dice < 87) {
            createTask();
        } else if (dice < 88) {
            deleteTask();
        } else if (dice < 92) {
            changeRole();
        } else {
            star();
        }
    }

    /** One object of each kind the as-of GETs read (and the user who made some of them). */
    record World(long image, long study, long segmentation, long form, long schema, long task, long subtask,
                 long feature, long user) {
    }

    /** Makes one object of each kind, by the admin and {@code annotator}. */
    static World smallWorld(Api admin, Api annotator) throws IOException {
        long user = MomentRecorder.ok(annotator.get("/api/auth/me")).get("id").asLong();
        RandomHistory history = new RandomHistory(new Random(14), admin);
        history.setUp(List.of(annotator), List.of(user));
        history.createSegmentation();
        history.createForm();
        history.createSubtask();
        long image = history.images.getFirst();
        return new World(image, history.imageStudy.get(image), history.segmentations.getFirst().id(),
                history.forms.getFirst(), history.schemas.getFirst(), history.tasks.getFirst(),
                history.subtaskTask.keySet().iterator().next(), history.features.getFirst(), user);
    }

    // ---------------------------------------------------------------- the actions

    /** Imports an image of {@code frames × rows × columns} for a patient of this history's project; its id. */
    long importImage(String patient, String date, int frames, int rows, int columns) throws IOException {
        Map<String, Object> props = new HashMap<>(ImagingHttpTest.RIGHT_FUNDUS);
        props.put("NrOfFrames", frames);
        props.put("Rows_y", rows);
        props.put("Columns_x", columns);
        long image = ok(admin.post("/api/import/image", ImagingHttpTest.request(project, patient, date,
                ImagingHttpTest.png("timemachine", columns, rows), props, ImagingHttpTest.CREATE_ALL)))
                .get("data").get("image_ids").get(0).asLong();
        awaitThumbnails(image);
        JsonNode instance = MomentRecorder.ok(admin.get("/api/instances/" + image));
        images.add(image);
        imageShapes.put(image, new int[]{frames, rows, columns});
        imagePatient.put(image, instance.get("patient").get("id").asLong());
        imageStudy.put(image, instance.get("study").get("id").asLong());
        studies.add(instance.get("study").get("id").asLong());
        return image;
    }

    /**
     * The thumbnail processor records its outcome as an event of its own, asynchronously: an event
     * stamped just before a recorded moment but committed just after it would show in the as-of answer
     * by instant and not in the live one (README, Time travel). The history waits for it instead.
     */
    private void awaitThumbnails(long image) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String events = MomentRecorder.ok(admin.get("/api/history/instance/" + image)).toString();
            if (events.contains("ThumbnailsGenerated") || events.contains("ThumbnailsFailed")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no thumbnail outcome for image " + image + " within 30 s");
    }

    private void createTag(String type) {
        tags.get(type).add(ok(user().post("/api/tags", Map.of("name", HttpTestBase.unique("tm-" + type),
                "tag_type", type, "description", "about " + type))).get("id").asLong());
    }

    private void updateTag() {
        Long tag = pickOrNull(liveTags());
        if (tag == null) {
            return;
        }
        Map<String, Object> body = random.nextBoolean() ? Map.of("description", "described " + random.nextInt(1000))
                : Map.of("name", HttpTestBase.unique("tm-renamed"));
        ok(user().patch("/api/tags/" + tag, body));
    }

    private void deleteTag() {
        Long tag = pickOrNull(liveTags());
        if (tag == null || liveTags().size() < 5) {
            return;
        }
        noContent(user().delete("/api/tags/" + tag));
        tags.values().forEach(list -> list.remove(tag));
        deletedTags.add(tag);
        links.removeIf(link -> link.endsWith("/" + tag));
        stars.values().forEach(starred -> starred.remove(tag));
    }

    /** Kinds of tagged objects: the path prefix, the tag type and the objects that can take tags now. */
    private Map<String, List<Long>> taggable() {
        Map<String, List<Long>> kinds = new LinkedHashMap<>();
        kinds.put("instances", images);
        kinds.put("studies", List.copyOf(studies));
        kinds.put("segmentations", segmentations.stream().map(Mask::id).toList());
        kinds.put("form-annotations", forms);
        return kinds;
    }

    private static String tagType(String kind) {
        return switch (kind) {
            case "instances" -> "ImageInstance";
            case "studies" -> "Study";
            case "segmentations" -> "Segmentation";
            default -> "FormAnnotation";
        };
    }

    private void attach() {
        String kind = pick(List.copyOf(taggable().keySet()));
        Long object = pickOrNull(taggable().get(kind));
        Long tag = pickOrNull(tags.get(tagType(kind)));
        if (object == null || tag == null || links.contains(kind + "/" + object + "/" + tag)) {
            return;
        }
        Map<String, Object> body = new HashMap<>(Map.of("tag_id", tag));
        if (random.nextBoolean()) {
            body.put("comment", "first look " + random.nextInt(100));
        }
        ok(user().post("/api/" + kind + "/" + object + "/tags", body));
        links.add(kind + "/" + object + "/" + tag);
    }

    private void comment() {
        String link = pickOrNull(List.copyOf(links));
        if (link != null) {
            String[] parts = link.split("/");
            ok(user().patch("/api/" + parts[0] + "/" + parts[1] + "/tags/" + parts[2],
                    Map.of("comment", "on second thought " + random.nextInt(100))));
        }
    }

    private void detach() {
        String link = pickOrNull(List.copyOf(links));
        if (link != null) {
            String[] parts = link.split("/");
            noContent(user().delete("/api/" + parts[0] + "/" + parts[1] + "/tags/" + parts[2]));
            links.remove(link);
        }
    }

    private void createSegmentation() throws IOException {
        long image = pick(images);
        Long feature = pickOrNull(features);
        if (feature == null) {
            return;
        }
        int[] shape = imageShapes.get(image);
        Map<String, Object> metadata = new HashMap<>(Map.of("image_instance_id", image, "depth", shape[0],
                "height", shape[1], "width", shape[2], "data_type", "R8UI", "data_representation", "Binary",
                "feature_id", feature));
        List<Api.Part> parts = new ArrayList<>();
        if (shape[0] > 1) {
            metadata.put("sparse_axis", 0);
            metadata.put("scan_indices", List.of());
        } else if (random.nextBoolean()) {
            parts.add(new Api.Part("np_array", "np_array.npy.gz", "application/octet-stream",
                    gzip(Npy.write(randomMask(shape)))));
        }
        parts.addFirst(new Api.Part("metadata", null, "text/plain",
                Api.JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8)));
        long id = ok(user().multipart("/api/segmentations", parts)).get("id").asLong();
        segmentations.add(new Mask(id, shape[0], shape[1], shape[2]));
        activeSegmentations.add(id);
        usedFeatures.add(feature);
    }

    private void patchSegmentation() {
        Mask mask = pickOrNull(segmentations);
        if (mask != null) {
            ok(user().patch("/api/segmentations/" + mask.id(), Map.of("threshold", random.nextInt(100) / 100.0)));
        }
    }

    private void writeMask() {
        Mask mask = pickOrNull(segmentations);
        if (mask == null) {
            return;
        }
        Api.Response written;
        if (mask.depth() > 1) {
            written = user().sendBytes("PUT", "/api/segmentations/" + mask.id() + "/data?axis=0&scan_nr="
                            + random.nextInt(mask.depth()), Npy.write(randomMask(new int[]{mask.height(), mask.width()})),
                    "application/octet-stream", Map.of());
        } else {
            written = user().sendBytes("PUT", "/api/segmentations/" + mask.id() + "/data",
                    Npy.write(randomMask(new int[]{1, mask.height(), mask.width()})), "application/octet-stream", Map.of());
        }
        ok(written);
    }

    private NdArray randomMask(int[] shape) {
        NdArray array = NdArray.zeros(DType.UINT8, shape);
        byte[] voxels = array.data();
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = (byte) (random.nextInt(4) == 0 ? 1 : 0);
        }
        return array;
    }

    private void deactivate(String prefix, Set<Long> active) {
        Long id = pickOrNull(List.copyOf(active));
        if (id != null) {
            noContent(user().delete(prefix + id));
            active.remove(id);
        }
    }

    private void createForm() {
        long image = pick(images);
        Map<String, Object> body = new HashMap<>(Map.of("form_schema_id", pick(schemas),
                "patient_id", imagePatient.get(image), "study_id", imageStudy.get(image),
                "form_data", Map.of("drusen", pick(List.of("none", "small", "large")))));
        if (random.nextBoolean()) {
            body.put("image_instance_id", image);
        }
        long id = ok(user().post("/api/form-annotations", body)).get("id").asLong();
        forms.add(id);
        activeForms.add(id);
    }

    private void editForm() {
        Long form = pickOrNull(forms);
        if (form == null) {
            return;
        }
        if (random.nextBoolean()) {
            ok(user().patch("/api/form-annotations/" + form, Map.of("form_data",
                    Map.of("drusen", pick(List.of("none", "small", "large")), "ga", random.nextBoolean()))));
        } else {
            // the viewer's autosave: stored even when it does not fit the schema
            Object ga = random.nextBoolean() ? Boolean.TRUE : "maybe";
            Api.Response saved = user().send("PUT", "/api/form-annotations/" + form + "/value",
                    Map.of("drusen", "small", "ga", ga), "application/json");
            noContent(saved);
        }
    }

    private void createSchema() {
        schemas.add(ok(admin.post("/api/form-schemas", Map.of("name", HttpTestBase.unique("tm-form"), "schema",
                Map.of("type", "object", "properties", Map.of(
                        "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large")),
                        "ga", Map.of("type", "boolean")))))).get("id").asLong());
    }

    private void createFeature() {
        Map<String, Object> body = new HashMap<>(Map.of("name", HttpTestBase.unique("tm-feature")));
        if (!features.isEmpty() && random.nextBoolean()) {
            long child = pick(features);
            body.put("subfeature_ids", List.of(child));
            usedFeatures.add(child); // a child cannot be deleted
        }
        features.add(ok(user().post("/api/features", body)).get("id").asLong());
    }

    private void renameFeature() {
        Long feature = pickOrNull(features);
        if (feature != null) {
            ok(user().patch("/api/features/" + feature, Map.of("name", HttpTestBase.unique("tm-renamed-feature"))));
        }
    }

    /** Only a feature nothing points to (no segmentation, no parent): others are refused with a 409. */
    private void deleteFeature() {
        List<Long> unused = features.stream().filter(f -> !usedFeatures.contains(f)).toList();
        Long feature = unused.size() < 2 ? null : unused.getLast();
        if (feature != null) {
            noContent(user().delete("/api/features/" + feature));
            features.remove(feature);
            deletedFeatures.add(feature);
        }
    }

    private void createTask() {
        Map<String, Object> body = new HashMap<>(Map.of("name", HttpTestBase.unique("tm-task"),
                "description", "round " + tasks.size(), "task_definition_id", definition));
        tasks.add(ok(user().post("/api/task", body)).get("id").asLong());
    }

    private void editTask() {
        Long task = pickOrNull(tasks);
        if (task == null) {
            return;
        }
        Map<String, Object> body = switch (random.nextInt(3)) {
            case 0 -> Map.of("task_state", pick(List.of("NotStarted", "Busy", "Finished", "Aborted")));
            case 1 -> Map.of("description", "now " + random.nextInt(1000));
            default -> Map.of("name", HttpTestBase.unique("tm-task-renamed"));
        };
        ok(user().patch("/api/task/" + task, body));
    }

    private void deleteTask() {
        if (tasks.size() < 3) {
            return;
        }
        long task = tasks.removeFirst();
        noContent(user().delete("/api/task/" + task));
        deletedTasks.add(task);
        subtaskTask.forEach((subtask, owner) -> {
            if (owner == task) {
                deletedSubtasks.add(subtask);
            }
        });
    }

    private void createSubtask() {
        Long task = pickOrNull(tasks);
        if (task == null) {
            return;
        }
        List<Long> chosen = images.stream().filter(i -> random.nextBoolean()).toList();
        Map<String, Object> body = new HashMap<>(Map.of("image_ids", chosen));
        if (random.nextBoolean()) {
            body.put("comments", "please grade " + random.nextInt(100));
        }
        long id = ok(user().post("/api/task/" + task + "/subtasks", body)).get("id").asLong();
        subtaskTask.put(id, task);
        subtaskImages.put(id, new LinkedHashSet<>(chosen));
    }

    private List<Long> liveSubtasks() {
        return subtaskTask.keySet().stream().filter(s -> !deletedSubtasks.contains(s)).toList();
    }

    private void editSubtask() {
        Long subtask = pickOrNull(liveSubtasks());
        if (subtask != null) {
            Map<String, Object> body = random.nextInt(3) == 0 ? Map.of("comments", "note " + random.nextInt(1000))
                    : Map.of("task_state", pick(List.of("NotStarted", "Busy", "Ready")));
            ok(user().patch("/api/subtasks/" + subtask, body));
        }
    }

    private void subtaskImage() {
        Long subtask = pickOrNull(liveSubtasks());
        if (subtask == null) {
            return;
        }
        Set<Long> linked = subtaskImages.get(subtask);
        long image = pick(images);
        if (linked.contains(image)) {
            ok(user().delete("/api/subtasks/" + subtask + "/images/" + image));
            linked.remove(image);
        } else {
            ok(user().post("/api/subtasks/" + subtask + "/images", Map.of("instance_id", image)));
            linked.add(image);
        }
    }

    private void deleteSubtask() {
        Long subtask = pickOrNull(liveSubtasks());
        if (subtask != null) {
            noContent(user().delete("/api/subtasks/" + subtask));
            deletedSubtasks.add(subtask);
        }
    }

    private void changeRole() {
        if (userIds.size() < 2) {
            return;
        }
        long user = userIds.get(1 + random.nextInt(userIds.size() - 1));
        boolean admin = !promoted.getOrDefault(user, false);
        Map<String, Object> body = new HashMap<>();
        body.put("role", admin ? 1 : null);
        ok(this.admin.patch("/api/users/" + user, body));
        promoted.put(user, admin);
    }

    private void star() {
        int who = random.nextInt(users.size());
        Long tag = pickOrNull(liveTags());
        if (tag == null) {
            return;
        }
        Set<Long> starred = stars.computeIfAbsent(userIds.get(who), k -> new LinkedHashSet<>());
        if (starred.remove(tag)) {
            noContent(users.get(who).delete("/api/tags/" + tag + "/star"));
        } else {
            noContent(users.get(who).post("/api/tags/" + tag + "/star", Map.of()));
            starred.add(tag);
        }
    }

    // ---------------------------------------------------------------- what to read

    /**
     * The GETs of issue 14 item 1 for every object made so far (deleted ones too), with their
     * variants, and for the next ids of each kind (404 now; some will exist later).
     */
    List<String> paths() {
        List<String> paths = new ArrayList<>(List.of("/api/tags", "/api/tags?tag_type=Segmentation"));
        for (long image : images) {
            for (String flags : List.of("", "?with_segmentations=true&with_form_annotations=true"
                            + "&with_model_segmentations=true&with_tag_metadata=true", "?with_segmentations=1",
                    "?with_tag_metadata=true&with_form_annotations=true")) {
                paths.add("/api/instances/" + image + flags);
            }
        }
        studies.forEach(study -> paths.add("/api/studies/" + study));
        for (Mask mask : segmentations) {
            String base = "/api/segmentations/" + mask.id();
            paths.addAll(List.of(base, base + "/data", base + "/data?axis=1&scan_nr=" + (mask.height() - 1)));
            if (mask.depth() > 1) {
                paths.add(base + "/data?axis=0&scan_nr=" + random.nextInt(mask.depth()));
            }
        }
        forms.forEach(form -> paths.addAll(List.of("/api/form-annotations/" + form,
                "/api/form-annotations/" + form + "/value")));
        schemas.forEach(schema -> paths.add("/api/form-schemas/" + schema));
        for (long task : concat(tasks, deletedTasks)) {
            paths.addAll(List.of("/api/task/" + task, "/api/task/" + task + "/subtasks",
                    "/api/task/" + task + "/subtasks?subtask_status=Ready"));
        }
        subtaskTask.keySet().forEach(subtask -> paths.add("/api/subtasks/" + subtask));
        concat(features, deletedFeatures).forEach(feature -> paths.add("/api/features/" + feature));
        userIds.forEach(user -> paths.add("/api/users/" + user));
        // not yet made: the next ids (of this run's sequences; another test may take them first)
        paths.add("/api/segmentations/" + (next(segmentations.stream().map(Mask::id).toList())));
        paths.add("/api/segmentations/" + (next(segmentations.stream().map(Mask::id).toList())) + "/data");
        paths.add("/api/form-annotations/" + next(forms));
        paths.add("/api/form-annotations/" + next(forms) + "/value");
        paths.add("/api/form-schemas/" + next(schemas));
        paths.add("/api/features/" + next(concat(features, deletedFeatures)));
        paths.add("/api/task/" + next(concat(tasks, deletedTasks)));
        paths.add("/api/task/" + next(concat(tasks, deletedTasks)) + "/subtasks");
        paths.add("/api/subtasks/" + next(List.copyOf(subtaskTask.keySet())));
        paths.add("/api/instances/" + next(images) + "?with_tag_metadata=true");
        paths.add("/api/studies/" + next(List.copyOf(studies)));
        paths.add("/api/users/" + next(userIds));
        return paths;
    }

    // ---------------------------------------------------------------- helpers

    private Api user() {
        return pick(users);
    }

    private List<Long> liveTags() {
        return tags.values().stream().flatMap(List::stream).toList();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private <T> T pickOrNull(List<T> list) {
        return list.isEmpty() ? null : pick(list);
    }

    private static List<Long> concat(List<Long> a, Set<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long next(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    private JsonNode ok(Api.Response response) {
        actions++;
        return MomentRecorder.ok(response);
    }

    private void noContent(Api.Response response) {
        actions++;
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
