package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tag lifecycle over HTTP (docs/api.md §3.8 with the seed's filter and the docs/api.md §9.2 fixes). */
class TagsHttpTest extends HttpTestBase {

    private JsonNode create(Api client, String name, String type) {
        Api.Response created = client.post("/api/tags", Map.of("name", name, "tag_type", type, "description", "about " + name));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    @Test
    void createReturnsTagGetWithTheCurrentUserAsCreator() {
        Api grader = newUser("grader");
        long graderId = grader.get("/api/auth/me").json().get("id").asLong();
        String name = unique("Drusen");

        JsonNode tag = create(grader, name, "ImageInstance");

        assertThat(tag.fieldNames()).toIterable()
                .containsExactly("name", "tag_type", "description", "id", "creator", "date_inserted");
        assertThat(tag.get("name").asText()).isEqualTo(name);
        assertThat(tag.get("tag_type").asText()).isEqualTo("ImageInstance");
        assertThat(tag.get("creator").get("id").asLong()).isEqualTo(graderId);
        assertThat(tag.get("date_inserted").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        // read-your-writes: the very next GET sees it
        assertThat(ids(grader.get("/api/tags").json())).contains(tag.get("id").asLong());
    }

    @Test
    void listIsInIdOrderAndFiltersByTagType() {
        Api client = admin();
        long study = create(client, unique("visit"), "Study").get("id").asLong();
        long image = create(client, unique("image"), "ImageInstance").get("id").asLong();

        List<Long> all = ids(client.get("/api/tags").json());
        assertThat(all).isSorted().contains(study, image);
        List<Long> studies = ids(client.get("/api/tags?tag_type=Study").json());
        assertThat(studies).contains(study).doesNotContain(image);
        client.get("/api/tags?tag_type=Study").json()
                .forEach(tag -> assertThat(tag.get("tag_type").asText()).isEqualTo("Study"));

        Api.Response badType = client.get("/api/tags?tag_type=Fundus");
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"tag_type\"]");
    }

    @Test
    void nameIsUniquePerTypeIgnoringCaseAndAccents() {
        Api client = admin();
        String name = unique("Rétine");
        create(client, name, "Study");

        Api.Response sameKey = client.post("/api/tags",
                Map.of("name", name.toUpperCase().replace("É", "E"), "tag_type", "Study", "description", ""));
        assertThat(sameKey.status()).isEqualTo(409);
        assertThat(sameKey.detail()).contains("already exists");
        // another type may use the name
        create(client, name, "Segmentation");
    }

    @Test
    void patchChangesOnlyGivenFieldsAndKeepsUniqueness() {
        Api client = admin();
        JsonNode tag = create(client, unique("cup"), "ImageInstance");
        long id = tag.get("id").asLong();
        String taken = create(client, unique("disc"), "ImageInstance").get("name").asText();

        Api.Response described = client.patch("/api/tags/" + id, Map.of("description", "optic cup"));
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().get("description").asText()).isEqualTo("optic cup");
        assertThat(described.json().get("name").asText()).isEqualTo(tag.get("name").asText());

        Map<String, Object> nulls = new java.util.HashMap<>();
        nulls.put("name", null);
        nulls.put("description", null);
        Api.Response unchanged = client.patch("/api/tags/" + id, nulls);
        assertThat(unchanged.json().get("description").asText()).isEqualTo("optic cup");

        Api.Response clash = client.patch("/api/tags/" + id, Map.of("name", taken));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(client.get("/api/tags").json().findValues("id").stream().filter(n -> n.asLong() == id).count())
                .isEqualTo(1);

        Api.Response retyped = client.patch("/api/tags/" + id, Map.of("tag_type", "Segmentation"));
        assertThat(retyped.status()).isEqualTo(200);
        assertThat(retyped.json().get("tag_type").asText()).isEqualTo("Segmentation");

        Api.Response unknown = client.patch("/api/tags/99999999", Map.of("name", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Tag not found");
    }

    /**
     * Links to images and studies arrive with the imaging feature; until then the link row such a
     * feature's projection would write is inserted directly, to exercise the rule of docs/api.md §9.2 item 15.
     */
    @Test
    void tagTypeCannotChangeWhileLinksExistButTheTagCanBeDeleted() throws Exception {
        Api client = admin();
        long id = create(client, unique("linked"), "ImageInstance").get("id").asLong();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabase.url(), TestDatabase.USER,
                TestDatabase.PASSWORD);
             java.sql.PreparedStatement link = c.prepareStatement("""
                     insert into tag_link (tag_id, object_type, object_id, tagger_id, date_inserted)
                     values (?, 'ImageInstance', 42, 1, now())""")) {
            link.setLong(1, id);
            link.executeUpdate();
        }

        Api.Response retype = client.patch("/api/tags/" + id, Map.of("tag_type", "Study", "description", "changed"));
        assertThat(retype.status()).isEqualTo(409);
        assertThat(retype.detail()).contains("tag_type cannot change");
        // the whole PATCH was rolled back: neither the type nor the description changed, no event stored
        JsonNode after = client.get("/api/tags?tag_type=ImageInstance").json();
        assertThat(after.findValues("id").stream().filter(n -> n.asLong() == id).count()).isEqualTo(1);
        assertThat(client.get("/api/history/tag/" + id).json()).hasSize(1);

        assertThat(client.delete("/api/tags/" + id).status()).isEqualTo(204);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabase.url(), TestDatabase.USER,
                TestDatabase.PASSWORD);
             java.sql.PreparedStatement count = c.prepareStatement("select count(*) from tag_link where tag_id = ?")) {
            count.setLong(1, id);
            try (java.sql.ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void starsAreIdempotentAndFollowedByStarredTags() {
        Api user = newUser("starrer");
        long id = create(admin(), unique("favourite"), "Study").get("id").asLong();

        assertThat(user.post("/api/tags/" + id + "/star", null).status()).isEqualTo(204);
        assertThat(user.post("/api/tags/" + id + "/star", null).status()).isEqualTo(204);
        assertThat(starred(user)).containsExactly(id);

        assertThat(user.delete("/api/tags/" + id + "/star").status()).isEqualTo(204);
        assertThat(user.delete("/api/tags/" + id + "/star").status()).isEqualTo(204);
        assertThat(starred(user)).isEmpty();

        Api.Response unknown = user.post("/api/tags/99999999/star", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Tag not found");
        assertThat(user.delete("/api/tags/99999999/star").status()).isEqualTo(204);
    }

    @Test
    void deletingAStarredTagWorksAndDropsTheStars() {
        Api user = newUser("fan");
        long id = create(admin(), unique("doomed"), "ImageInstance").get("id").asLong();
        user.post("/api/tags/" + id + "/star", null);

        assertThat(admin().delete("/api/tags/" + id).status()).isEqualTo(204);

        assertThat(starred(user)).doesNotContain(id);
        assertThat(ids(admin().get("/api/tags").json())).doesNotContain(id);
        assertThat(admin().delete("/api/tags/" + id).status()).isEqualTo(404);
        assertThat(admin().patch("/api/tags/" + id, Map.of("name", "back")).status()).isEqualTo(404);
        // the history outlives the tag
        JsonNode history = admin().get("/api/history/tag/" + id).json();
        assertThat(history.get(history.size() - 1).get("type").asText()).isEqualTo("TagDeleted");
    }

    @Test
    void historyTellsWhoDidWhatInOrder() {
        Api grader = newUser("historian");
        String graderName = grader.get("/api/auth/me").json().get("username").asText();
        long id = create(grader, unique("timeline"), "Study").get("id").asLong();
        grader.patch("/api/tags/" + id, Map.of("name", unique("renamed"), "description", "new"));

        JsonNode history = admin().get("/api/history/tag/" + id).json();

        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("sequence").asLong()).isZero();
        assertThat(history.get(0).get("type").asText()).isEqualTo("TagCreated");
        assertThat(history.get(1).get("type").asText()).isEqualTo("TagRenamed");
        assertThat(history.get(2).get("type").asText()).isEqualTo("TagDescriptionChanged");
        assertThat(history.get(2).get("payload").get("description").asText()).isEqualTo("new");
        history.forEach(entry -> {
            assertThat(entry.get("actor").get("name").asText()).isEqualTo(graderName);
            assertThat(entry.get("at").asText()).startsWith("20");
        });
        assertThat(admin().get("/api/history/tag/99999999").status()).isEqualTo(404);
        assertThat(admin().get("/api/history/planet/1").status()).isEqualTo(404);
        assertThat(admin().get("/api/history/tag/abc").status()).isEqualTo(422);
    }

    @Test
    void badInputGetsTheContractsErrorBodies() {
        Api client = admin();
        Api.Response missing = client.post("/api/tags", Map.of("name", "x"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail")).hasSize(2);
        assertThat(missing.json().get("detail").findValuesAsText("type")).containsOnly("missing");

        Api.Response wrongTypes = client.post("/api/tags", Map.of("name", 12, "tag_type", "Fundus", "description", true));
        assertThat(wrongTypes.status()).isEqualTo(422);
        assertThat(wrongTypes.json().get("detail").findValuesAsText("type"))
                .containsExactly("string_type", "enum", "string_type");

        Api.Response tooLong = client.post("/api/tags", Map.of("name", "n".repeat(257), "tag_type", "Study", "description", ""));
        assertThat(tooLong.status()).isEqualTo(422);

        Api.Response malformed = client.send("POST", "/api/tags", "{\"name\": \"x\",", "application/json");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");

        Api.Response notAnObject = client.send("POST", "/api/tags", "[1,2]", "application/json");
        assertThat(notAnObject.status()).isEqualTo(422);

        Api.Response badId = client.delete("/api/tags/abc");
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.json().get("detail").get(0).get("type").asText()).isEqualTo("int_parsing");

        assertThat(anonymous().get("/api/tags").status()).isEqualTo(401);
        assertThat(anonymous().post("/api/tags", Map.of("name", "x", "tag_type", "Study", "description", "")).status())
                .isEqualTo(401);
        // nothing half-written: none of the rejected names exists
        assertThat(client.get("/api/tags").json().findValuesAsText("name")).doesNotContain("x");
    }

    @Test
    void formEncodedContentTypeStillParsesTheJsonBody() {
        String name = unique("curl");
        Api.Response created = admin().send("POST", "/api/tags",
                "{\"name\":\"" + name + "\",\"tag_type\":\"Study\",\"description\":\"d\"}",
                "application/x-www-form-urlencoded");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("name").asText()).isEqualTo(name);
    }

    private List<Long> starred(Api user) {
        return ids(user.get("/api/auth/me").json().get("starred_tags"));
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.isObject() ? node.get("id").asLong() : node.asLong()));
        return ids;
    }
}
