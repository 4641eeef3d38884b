package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SubTaskGET (docs/api.md §3.0.12) as {@code GET /task/{id}/subtasks?with_images=true} lists them: by
 * SubTaskID, {@code index} the position among all of the task's sub-tasks, {@code next_task} null, and
 * {@code images} reduced to the linked image ids in ascending order (the images themselves are compared
 * as InstanceGET elsewhere).
 */
final class SubTaskGet {

    private SubTaskGet() {
    }

    /** Task id → its sub-tasks in order. */
    static Map<Long, List<ObjectNode>> byTask(EyenedSource source) throws SQLException {
        Map<Long, ArrayNode> images = new HashMap<>();
        for (SourceRow link : source.all("select SubTaskID, ImageInstanceID from `SubTaskImageLink` order by ImageInstanceID")) {
            images.computeIfAbsent(link.id("SubTaskID"), id -> Metas.JSON.arrayNode()).add(link.id("ImageInstanceID"));
        }
        Map<Long, List<ObjectNode>> tasks = new LinkedHashMap<>();
        for (SourceRow row : source.all("select * from `SubTask` order by TaskID, SubTaskID")) {
            List<ObjectNode> subTasks = tasks.computeIfAbsent(row.id("TaskID"), id -> new ArrayList<>());
            ObjectNode subTask = Metas.JSON.objectNode().put("task_id", row.id("TaskID"))
                    .put("task_state", row.text("TaskState")).put("comments", row.text("Comments"))
                    .put("id", row.id("SubTaskID"));
            subTask.set("creator_id", Metas.number(row.longOrNull("CreatorID")));
            subTask.put("index", subTasks.size()).putNull("next_task");
            subTask.set("images", images.getOrDefault(row.id("SubTaskID"), Metas.JSON.arrayNode()));
            subTasks.add(subTask);
        }
        return tasks;
    }

    /** Macula's answer with {@code images} reduced to their ids, as {@link #byTask} expects them. */
    static ObjectNode imageIds(ObjectNode answer) {
        ArrayNode ids = Metas.JSON.arrayNode();
        if (answer.get("images") != null) {
            answer.get("images").forEach(image -> ids.add(image.get("id")));
            answer.set("images", ids);
        }
        return answer;
    }
}
