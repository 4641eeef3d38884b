package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TaskGET with its TaskDefinitionGET (docs/api.md §3.0.12) of every task of the original, by id: what
 * {@code GET /task} lists. {@code num_tasks} counts the task's sub-tasks, {@code num_tasks_ready} those in
 * {@code Ready}; {@code config} is {@code {}} when the definition has none.
 */
final class TaskGet {

    private TaskGet() {
    }

    static Map<Long, ObjectNode> all(EyenedSource source) throws SQLException {
        Map<Long, ObjectNode> tasks = new LinkedHashMap<>();
        for (SourceRow row : source.all("""
                select t.*, c.CreatorName, d.TaskDefinitionName, d.TaskConfig, d.DateInserted as DefinitionInserted,
                       (select count(*) from `SubTask` s where s.TaskID = t.TaskID) as NumTasks,
                       (select count(*) from `SubTask` s where s.TaskID = t.TaskID and s.TaskState = 'Ready') as NumReady
                from `Task` t left join `Creator` c on c.CreatorID = t.CreatorID
                join `TaskDefinition` d on d.TaskDefinitionID = t.TaskDefinitionID order by t.TaskID""")) {
            ObjectNode task = Metas.JSON.objectNode().put("name", row.text("TaskName"))
                    .put("description", row.text("Description"));
            task.set("contact_id", Metas.number(row.longOrNull("ContactID")));
            task.put("task_definition_id", row.id("TaskDefinitionID")).put("id", row.id("TaskID"));
            task.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
            task.put("num_tasks", row.id("NumTasks")).put("num_tasks_ready", row.id("NumReady"));
            task.set("creator", row.isNull("CreatorName") ? NullNode.getInstance()
                    : Metas.creator(row.id("CreatorID"), row.text("CreatorName")));
            task.put("task_state", row.text("TaskState"));
            ObjectNode definition = task.putObject("task_definition").put("name", row.text("TaskDefinitionName"))
                    .put("id", row.id("TaskDefinitionID"));
            definition.set("config", row.isNull("TaskConfig") ? Metas.JSON.objectNode() : row.json("TaskConfig"));
            definition.set("date_inserted", Metas.dateTime(row.dateTime("DefinitionInserted")));
            tasks.put(row.id("TaskID"), task);
        }
        return tasks;
    }
}
