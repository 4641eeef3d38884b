package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Task definitions (new, admin) and tasks (docs/api.md §3.9, docs/api.md §3.0.12). */
class TasksHttpTest extends HttpTestBase {

    private long definition(Api client, Map<String, Object> body) {
        Api.Response created = client.post("/api/task-definitions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    @Test
    void adminsCreateDefinitionsAndAnyUserCreatesTasksThatStartNotStarted() {
        Api admin = admin();
        long plain = definition(admin, Map.of("name", unique("AMD grading")));
        long configured = definition(admin, Map.of("name", unique("ETDRS"), "config", Map.of("grid", "etdrs", "zoom", 2)));
        assertThat(newUser("grader").post("/api/task-definitions", Map.of("name", "x")).status()).isEqualTo(403);

        JsonNode definitions = admin.get("/api/task-definitions").json();
        JsonNode mine = null;
        for (JsonNode d : definitions) {
            if (d.get("id").asLong() == plain) {
                mine = d;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("config").toString()).isEqualTo("{}");
        assertThat(mine.fieldNames()).toIterable().containsExactly("name", "id", "config", "date_inserted");

        Api coordinator = newUser("coordinator");
        String coordinatorName = coordinator.get("/api/auth/me").json().get("username").asText();
        Api.Response created = coordinator.post("/api/task", Map.of("name", unique("Round 1"), "description", "first pass",
                "task_definition_id", configured));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode task = created.json();
        assertThat(task.fieldNames()).toIterable().containsExactly("name", "description", "contact_id",
                "task_definition_id", "id", "date_inserted", "num_tasks", "num_tasks_ready", "creator", "task_state",
                "task_definition");
        assertThat(task.get("task_state").asText()).isEqualTo("NotStarted");
        assertThat(task.get("num_tasks").asInt()).isZero();
        assertThat(task.get("num_tasks_ready").asInt()).isZero();
        assertThat(task.get("creator").get("name").asText()).isEqualTo(coordinatorName);
        assertThat(task.get("task_definition").get("config").get("grid").asText()).isEqualTo("etdrs");
        assertThat(task.get("contact_id").isNull()).isTrue();

        long second = coordinator.post("/api/task", Map.of("name", unique("Round 2"), "task_definition_id", plain))
                .json().get("id").asLong();
        List<Long> ids = new ArrayList<>();
        coordinator.get("/api/task").json().forEach(t -> ids.add(t.get("id").asLong()));
        assertThat(ids).isSorted().contains(task.get("id").asLong(), second);
    }

    @Test
    void patchAppliesGivenFieldsAndValidatesStates() {
        Api admin = admin();
        long definition = definition(admin, Map.of("name", unique("def")));
        long id = admin.post("/api/task", Map.of("name", unique("task"), "task_definition_id", definition))
                .json().get("id").asLong();

        JsonNode busy = admin.patch("/api/task/" + id, Map.of("task_state", "Busy")).json();
        assertThat(busy.get("task_state").asText()).isEqualTo("Busy");
        Map<String, Object> nameOnly = new HashMap<>();
        nameOnly.put("name", "renamed");
        nameOnly.put("description", null);
        JsonNode renamed = admin.patch("/api/task/" + id, nameOnly).json();
        assertThat(renamed.get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.get("task_state").asText()).isEqualTo("Busy");

        Api.Response badState = admin.patch("/api/task/" + id, Map.of("task_state", "Done"));
        assertThat(badState.status()).isEqualTo(422);
        assertThat(badState.json().get("detail").get(0).get("type").asText()).isEqualTo("enum");
        assertThat(admin.post("/api/task", Map.of("name", "x", "task_definition_id", 99999999)).status()).isEqualTo(422);
        assertThat(admin.post("/api/task", Map.of("name", "x")).status()).isEqualTo(422);
        assertThat(admin.patch("/api/task/99999999", Map.of("name", "x")).detail()).isEqualTo("Task not found");

        assertThat(admin.get("/api/history/task/" + id).json().findValuesAsText("type"))
                .containsExactly("TaskCreated", "TaskStateChanged", "TaskUpdated");
        assertThat(admin.delete("/api/task/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/task/" + id).detail()).isEqualTo("Task not found");
        assertThat(admin.delete("/api/task/" + id).status()).isEqualTo(404);
    }
}
