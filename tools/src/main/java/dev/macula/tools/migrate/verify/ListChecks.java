package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers that list a whole table in one request, compared element by element with what the original
 * would answer: {@code GET /tags}, {@code /features}, {@code /form-schemas}, {@code /devices}, {@code /task}
 * and every task's {@code /task/{id}/subtasks?with_images=true}.
 */
final class ListChecks {

    private static final int SUBTASK_PAGE = 1000;

    private final EyenedSource source;
    private final Answers answers;
    private final FeatureGet features;
    private final VerificationReport report;

    ListChecks(EyenedSource source, Answers answers, FeatureGet features, VerificationReport report) {
        this.source = source;
        this.answers = answers;
        this.features = features;
        this.report = report;
    }

    void run() throws Exception {
        compare("tag", TagGet.all(source), answers.json("/api/tags"));
        Map<Long, ObjectNode> byId = new LinkedHashMap<>();
        features.all().forEach(feature -> byId.put(feature.get("id").asLong(), feature));
        compare("feature", byId, answers.json("/api/features"));
        compare("form schema", FormSchemaGet.all(source), answers.json("/api/form-schemas"));
        compare("device model", DeviceModelGet.all(source), answers.json("/api/devices"));
        Map<Long, ObjectNode> tasks = TaskGet.all(source);
        compare("task", tasks, answers.json("/api/task"));
        Map<Long, List<ObjectNode>> subTasks = SubTaskGet.byTask(source);
        for (long task : tasks.keySet()) {
            Map<Long, ObjectNode> expected = new LinkedHashMap<>();
            subTasks.getOrDefault(task, List.of()).forEach(subTask -> expected.put(subTask.get("id").asLong(), subTask));
            compare("sub-task", expected, subTasksOf(task));
        }
    }

    /** Every sub-task of the task, page by page, with their images reduced to ids. */
    private JsonNode subTasksOf(long task) throws Exception {
        ArrayNode all = Metas.JSON.arrayNode();
        for (int page = 0; ; page++) {
            JsonNode answer = answers.json("/api/task/" + task + "/subtasks?with_images=true&limit=" + SUBTASK_PAGE
                    + "&page=" + page);
            if (!answer.isObject()) {
                return answer; // not a 200: the difference shows on every expected sub-task
            }
            answer.get("subtasks").forEach(subTask -> all.add(SubTaskGet.imageIds((ObjectNode) subTask)));
            if (answer.get("subtasks").size() < SUBTASK_PAGE) {
                return all;
            }
        }
    }

    /** Each expected element against the answer's element of the same id; elements only Macula has are mismatches. */
    private void compare(String kind, Map<Long, ? extends JsonNode> expected, JsonNode answer) {
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        if (answer.isArray()) {
            answer.forEach(element -> actual.put(element.path("id").asText(), element));
        }
        expected.forEach((id, element) ->
                JsonDiff.compare("", element, actual.remove(Long.toString(id)), report.of(kind, Long.toString(id))));
        actual.forEach((id, element) -> JsonDiff.compare("", MissingNode.getInstance(), element,
                report.of(kind, id)));
        report.checked(kind + " answers", expected.size());
    }
}
