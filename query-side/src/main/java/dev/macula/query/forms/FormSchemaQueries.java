package dev.macula.query.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/form-schemas} (by name) and {@code GET /api/form-schemas/{id}} (contract §3.6). */
@RestController
class FormSchemaQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    FormSchemaQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"name", "schema", "entity_type", "id"})
    record FormSchemaView(String name, JsonNode schema, String entityType, long id) {
    }

    @GetMapping("/api/form-schemas")
    List<FormSchemaView> schemas() {
        return jdbc.query("select * from form_schema order by name_key, name, id", (rs, row) -> view(rs));
    }

    @GetMapping("/api/form-schemas/{form_schema_id}")
    FormSchemaView schema(@PathVariable("form_schema_id") long id) {
        return jdbc.query("select * from form_schema where id = ?", (rs, row) -> view(rs), id).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("FormSchema not found"));
    }

    private static FormSchemaView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String schema = rs.getString("schema");
        JsonNode document;
        try {
            document = schema == null ? null : JSON.readTree(schema);
        } catch (IOException e) {
            document = null;
        }
        return new FormSchemaView(rs.getString("name"), document, rs.getString("entity_type"), rs.getLong("id"));
    }
}
