package dev.macula.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Form schemas: admins add valid draft-7 schemas; everyone lists and reads them (docs/api.md §3.6, docs/api.md §7.1). */
class FormSchemasHttpTest extends HttpTestBase {

    private static final Map<String, Object> AMD_SCHEMA = Map.of(
            "$schema", "http://json-schema.org/draft-07/schema#",
            "type", "object",
            "properties", Map.of(
                    "drusen", Map.of("type", "string", "enum", List.of("none", "small", "large")),
                    "ga", Map.of("type", "boolean")));

    @Test
    void adminsAddSchemasThatAreValidJsonSchemas() {
        Api admin = admin();
        String name = "Form " + RUN + " AMD";
        Api.Response created = admin.post("/api/form-schemas", Map.of("name", name, "schema", AMD_SCHEMA,
                "entity_type", "ImageInstance"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        long id = created.json().get("id").asLong();

        JsonNode read = admin.get("/api/form-schemas/" + id).json();
        assertThat(read.fieldNames()).toIterable().containsExactly("name", "schema", "entity_type", "id");
        assertThat(read.get("schema").get("properties").get("drusen").get("enum").size()).isEqualTo(3);
        assertThat(read.get("entity_type").asText()).isEqualTo("ImageInstance");
        admin.post("/api/form-schemas", Map.of("name", "Form " + RUN + " AAA", "schema", Map.of("type", "object")));
        List<String> names = new ArrayList<>();
        newUser("reader").get("/api/form-schemas").json().forEach(s -> {
            if (s.get("name").asText().startsWith("Form " + RUN)) {
                names.add(s.get("name").asText());
            }
        });
        assertThat(names).containsExactly("Form " + RUN + " AAA", name);
        assertThat(admin.get("/api/history/form-schema/" + id).json().get(0).get("type").asText())
                .isEqualTo("FormSchemaCreated");
    }

    @Test
    void invalidSchemasDuplicatesAndNonAdminsAreRefused() {
        Api admin = admin();
        Api.Response invalid = admin.post("/api/form-schemas", Map.of("name", unique("broken"),
                "schema", Map.of("type", "not-a-type", "properties", 5)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("detail").findValuesAsText("type")).contains("json_schema");
        assertThat(invalid.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("schema");

        assertThat(admin.post("/api/form-schemas", Map.of("name", unique("x"), "schema", Map.of(),
                "entity_type", "Planet")).status()).isEqualTo(422);
        assertThat(admin.post("/api/form-schemas", Map.of("name", unique("x"))).status()).isEqualTo(422);
        // a $ref to another document could never be resolved (Macula fetches nothing): refused up front
        Api.Response external = admin.post("/api/form-schemas", Map.of("name", unique("ext"), "schema",
                Map.of("type", "object", "properties", Map.of("va", Map.of("$ref", "https://example.org/va.json")))));
        assertThat(external.status()).as(external.toString()).isEqualTo(422);
        assertThat(external.json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"schema\",\"properties\",\"va\",\"$ref\"]");
        String name = unique("Drusen form");
        assertThat(admin.post("/api/form-schemas", Map.of("name", name, "schema", Map.of())).status()).isEqualTo(200);
        assertThat(admin.post("/api/form-schemas", Map.of("name", name.toUpperCase(), "schema", Map.of())).status())
                .isEqualTo(409);
        assertThat(newUser("grader").post("/api/form-schemas", Map.of("name", unique("y"), "schema", Map.of())).status())
                .isEqualTo(403);
        assertThat(admin.get("/api/form-schemas/99999999").detail()).isEqualTo("FormSchema not found");
    }
}
