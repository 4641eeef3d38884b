package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** FormSchemaGET (docs/api.md §3.0.10) of every form schema of the original, by id. */
final class FormSchemaGet {

    private FormSchemaGet() {
    }

    static Map<Long, ObjectNode> all(EyenedSource source) throws SQLException {
        Map<Long, ObjectNode> schemas = new LinkedHashMap<>();
        for (SourceRow row : source.all("select * from `FormSchema` order by FormSchemaID")) {
            ObjectNode schema = Metas.JSON.objectNode().put("name", row.text("SchemaName"));
            schema.set("schema", Metas.json(row.json("Schema")));
            schema.put("entity_type", row.text("EntityType")).put("id", row.id("FormSchemaID"));
            schemas.put(row.id("FormSchemaID"), schema);
        }
        return schemas;
    }
}
