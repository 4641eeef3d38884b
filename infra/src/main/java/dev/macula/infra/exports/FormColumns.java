package dev.macula.infra.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.infra.exports.Table.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flattens form annotations into one column per top-level property of their schemas (the union over
 * the schemas in the snapshot, sorted by name), as text: a string as it is, anything else (numbers,
 * booleans, arrays, objects) as its JSON text; absent is null. A property whose name clashes with a
 * fixed column (DuckDB names are case-insensitive) gets the prefix {@code field_}, then a number.
 */
final class FormColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormColumns() {
    }

    static Table table(SnapshotReader.FormRows forms) {
        Set<String> properties = new TreeSet<>();
        forms.schemas().stream().distinct().forEach(schema -> properties.addAll(propertiesOf(schema)));
        Set<String> taken = new HashSet<>();
        forms.columns().forEach(column -> taken.add(column.name().toLowerCase(Locale.ROOT)));
        Map<String, String> columnOf = new LinkedHashMap<>();
        for (String property : properties) {
            String name = property;
            for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
                name = "field_" + property + (name.startsWith("field_") ? "_" + n : "");
            }
            taken.add(name.toLowerCase(Locale.ROOT));
            columnOf.put(property, name);
        }
        List<Column> columns = new ArrayList<>(forms.columns());
        columnOf.values().forEach(name -> columns.add(new Column(name, "VARCHAR")));
        List<List<Object>> rows = new ArrayList<>(forms.rows().size());
        for (int i = 0; i < forms.rows().size(); i++) {
            List<Object> row = new ArrayList<>(forms.rows().get(i));
            JsonNode data = parse(forms.formData().get(i));
            for (String property : columnOf.keySet()) {
                JsonNode value = data == null ? null : data.get(property);
                row.add(value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString());
            }
            rows.add(row);
        }
        return new Table("forms", columns, rows);
    }

    private static Set<String> propertiesOf(String schema) {
        Set<String> names = new TreeSet<>();
        JsonNode properties = schema == null ? null : parse(schema).get("properties");
        if (properties != null && properties.isObject()) {
            properties.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form JSON in the read model does not parse", e);
        }
    }
}
