package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sub-tasks: creation, stable indices, with_next, images, states and counts (docs/api.md §3.9, docs/api.md §3.10, seed). */
class SubTasksHttpTest extends HttpTestBase {

    private long image(Api client) throws IOException {
        return client.post("/api/import/image", ImagingHttpTest.request(unique("subtasks"), "P", "2024-06-06",
                        ImagingHttpTest.png("subtasks", 8, 8), ImagingHttpTest.RIGHT_FUNDUS, ImagingHttpTest.CREATE_ALL))
                .json().get("data").get("image_ids").get(0).asLong();
    }

    private static List<Long> ids(JsonNode array, String field) {
        List<Long> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get(field).asLong()));
        return ids;
    }

    @Test
    void aCoordinatorHandsOutSubtasksAndAGraderWorksThroughThemByIndex() throws IOException {
        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("grading"))).json().get("id").asLong();
        long task = admin.post("/api/task", Map.of("name", unique("campaign"), "task_definition_id", definition))
                .json().get("id").asLong();
        long a = image(admin);
        long b = image(admin);
        long c = image(admin);
        long grader = newUser("grader").get("/api/auth/me").json().get("id").asLong();

        Api.Response first = admin.post("/api/task/" + task + "/subtasks",
                Map.of("image_ids", List.of(b, a), "creator_id", grader, "comments", "left eyes"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("task_state").asText()).isEqualTo("NotStarted");
        assertThat(first.json().get("creator_id").asLong()).isEqualTo(grader);
        assertThat(ids(first.json().get("images"), "id")).containsExactly(a, b);
        assertThat(first.json().get("images").get(0).get("tags").size()).isZero();
        long s0 = first.json().get("id").asLong();
        long s1 = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of(c))).json().get("id").asLong();
        long s2 = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of())).json().get("id").asLong();

        JsonNode all = admin.get("/api/task/" + task + "/subtasks").json();
        assertThat(ids(all.get("subtasks"), "id")).containsExactly(s0, s1, s2);
        assertThat(ids(all.get("subtasks"), "index")).containsExactly(0L, 1L, 2L);
        assertThat(all.get("count").asInt()).isEqualTo(3);
        assertThat(all.get("limit").asInt()).isEqualTo(200);
        assertThat(all.get("subtasks").get(0).has("images")).isFalse();

        assertThat(admin.patch("/api/subtasks/" + s1, Map.of("task_state", "Ready")).json().get("task_state").asText())
                .isEqualTo("Ready");
        JsonNode ready = admin.get("/api/task/" + task + "/subtasks?subtask_status=Ready").json();
        assertThat(ids(ready.get("subtasks"), "id")).containsExactly(s1);
        assertThat(ready.get("subtasks").get(0).get("index").asInt()).as("absolute index under a filter").isEqualTo(1);
        assertThat(ready.get("count").asInt()).isEqualTo(1);
        JsonNode paged = admin.get("/api/task/" + task + "/subtasks-with-images?limit=1&page=1").json();
        assertThat(ids(paged.get("subtasks"), "id")).containsExactly(s1);
        assertThat(ids(paged.get("subtasks").get(0).get("images"), "id")).containsExactly(c);

        JsonNode byIndex = admin.get("/api/task/" + task + "/subtask/0?with_next=true&with_images=1").json();
        assertThat(byIndex.get("id").asLong()).isEqualTo(s0);
        assertThat(byIndex.get("index").asInt()).isZero();
        assertThat(byIndex.get("images")).hasSize(2);
        assertThat(byIndex.get("next_task").get("id").asLong()).isEqualTo(s1);
        assertThat(byIndex.get("next_task").get("index").asInt()).isEqualTo(1);
        assertThat(byIndex.get("next_task").has("images")).as("next_task is a plain SubTaskGET").isFalse();
        assertThat(admin.get("/api/task/" + task + "/subtask/2?with_next=true").json().get("next_task").isNull()).isTrue();
        assertThat(admin.get("/api/task/" + task + "/subtask/3").detail()).isEqualTo("SubTask not found");

        JsonNode counts = admin.get("/api/task/" + task).json();
        assertThat(counts.get("num_tasks").asInt()).isEqualTo(3);
        assertThat(counts.get("num_tasks_ready").asInt()).isEqualTo(1);

        Api.Response badState = admin.patch("/api/subtasks/" + s0, Map.of("task_state", "Finished"));
        assertThat(badState.status()).isEqualTo(422);
        assertThat(admin.get("/api/task/" + task + "/subtasks?subtask_status=Done").status()).isEqualTo(422);
        assertThat(admin.get("/api/task/99999999/subtasks").detail()).isEqualTo("Task not found");
        assertThat(admin.get("/api/subtasks/" + s0).json().get("index").isNull()).isTrue();
        assertThat(admin.get("/api/history/subtask/" + s1).json().findValuesAsText("type"))
                .containsExactly("SubTaskCreated", "SubTaskStateChanged");
    }

    @Test
    void imagesAreAddedIdempotentlyInBothBodyFormsAndRemovedWithABody() throws IOException {
        Api admin = admin();
        long definition = admin.post("/api/task-definitions", Map.of("name", unique("def"))).json().get("id").asLong();
        long task = admin.post("/api/task", Map.of("name", unique("t"), "task_definition_id", definition))
                .json().get("id").asLong();
        long a = image(admin);
        long b = image(admin);
        long subtask = admin.post("/api/task/" + task + "/subtasks", Map.of("image_ids", List.of())).json()
                .get("id").asLong();

        assertThat(ids(admin.post("/api/subtasks/" + subtask + "/images", Map.of("instance_id", a)).json()
                .get("images"), "id")).containsExactly(a);
        assertThat(ids(admin.post("/api/subtasks/" + subtask + "/images", Map.of("image_ids", List.of(a, b))).json()
                .get("images"), "id")).containsExactly(a, b);
        assertThat(admin.post("/api/subtasks/" + subtask + "/images", Map.of("instance_id", 99999999)).detail())
                .isEqualTo("ImageInstance not found");

        Api.Response removed = admin.delete("/api/subtasks/" + subtask + "/images/" + a);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(ids(removed.json().get("images"), "id")).containsExactly(b);
        assertThat(admin.delete("/api/subtasks/" + subtask + "/images/" + a).detail()).isEqualTo("Link not found");
        assertThat(admin.delete("/api/subtasks/99999999/images/" + a).detail()).isEqualTo("Link not found");

        assertThat(admin.delete("/api/task/" + task).status()).isEqualTo(204);
        assertThat(admin.get("/api/subtasks/" + subtask).detail()).as("sub-tasks go with their task")
                .isEqualTo("SubTask not found");
    }
}
