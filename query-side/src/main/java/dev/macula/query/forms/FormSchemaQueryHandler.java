package dev.macula.query.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.forms.FormSchemaMessages.FindFormSchemaQuery;
import dev.macula.api.forms.FormSchemaMessages.FindFormSchemasQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** FormSchemaGET (docs/api.md §3.6) from the {@code form_schema} read model. */
@Component
class FormSchemaQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    FormSchemaQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"name", "schema", "entity_type", "id"})
    record FormSchemaView(String name, JsonNode schema, String entityType, long id) {
    }

    @QueryHandler
    List<FormSchemaView> handle(FindFormSchemasQuery query) {
        return jdbc.query("select * from form_schema order by name_key, name, id", (rs, row) -> view(rs));
    }

    @QueryHandler
    FormSchemaView handle(FindFormSchemaQuery query) {
        return jdbc.query("select * from form_schema where id = ?", (rs, row) -> view(rs), query.formSchemaId().value())
                .stream().findFirst().orElse(null);
    }

    private static FormSchemaView view(ResultSet rs) throws SQLException {
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
