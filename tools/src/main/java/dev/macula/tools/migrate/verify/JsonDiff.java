package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares an expected answer (built from the original's rows, with {@link Fix} markers where Macula
 * may differ on purpose) with Macula's real answer, field by field. Key order does not matter (docs/api.md
 * §0.4); numbers compare by value ({@code 1} = {@code 1.0}); lists of objects with an {@code id} (tags,
 * segmentations, forms) are matched by id, other lists element by element.
 */
final class JsonDiff {

    /** Fields Macula adds to the original's shapes, and where they are documented: listed, not mismatches. */
    private static final Map<String, String> ADDITIONS = Map.of(
            "validation", "Macula adds a form's validity against its schema (README \"Form validation\")",
            "data_version", "Macula versions segmentation data (README \"API beyond the original\")");

    /** Where the differences go. */
    interface Sink {
        void mismatch(String path, JsonNode expected, JsonNode actual);

        void allowed(String path, String reason, JsonNode expected, JsonNode actual);
    }

    private JsonDiff() {
    }

    /** True when {@code actual} matches {@code expected} with no difference at all, allowed ones included. */
    static boolean same(JsonNode expected, JsonNode actual) {
        Counter counter = new Counter();
        compare("", expected, actual, counter);
        return counter.differences == 0;
    }

    static void compare(String path, JsonNode expected, JsonNode actual, Sink sink) {
        JsonNode present = actual == null ? MissingNode.getInstance() : actual;
        Fix fix = Fix.of(expected);
        if (fix != null) {
            if (same(fix.original(), present)) {
                return;
            }
            if (fix.accepts().test(present)) {
                sink.allowed(path, fix.reason(), fix.original(), present);
            } else {
                sink.mismatch(path, fix.original(), present);
            }
        } else if (expected.isObject() && present.isObject()) {
            objects(path, expected, present, sink);
        } else if (expected.isArray() && present.isArray()) {
            arrays(path, expected, present, sink);
        } else if (expected.isNumber() && present.isNumber()) {
            if (expected.decimalValue().compareTo(present.decimalValue()) != 0) {
                sink.mismatch(path, expected, present);
            }
        } else if (!expected.equals(present)) {
            sink.mismatch(path, expected, present);
        }
    }

    private static void objects(String path, JsonNode expected, JsonNode actual, Sink sink) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            compare(join(path, field.getKey()), field.getValue(), actual.get(field.getKey()), sink);
        }
        for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.has(name)) {
                String addition = ADDITIONS.get(name);
                if (addition != null) {
                    sink.allowed(join(path, name), addition, MissingNode.getInstance(), actual.get(name));
                } else {
                    sink.mismatch(join(path, name), MissingNode.getInstance(), actual.get(name));
                }
            }
        }
    }

    private static void arrays(String path, JsonNode expected, JsonNode actual, Sink sink) {
        if (!byId(expected) || !byId(actual)) {
            if (expected.size() != actual.size()) {
                sink.mismatch(path, expected, actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), sink);
            }
            return;
        }
        Map<String, JsonNode> remaining = new LinkedHashMap<>();
        actual.forEach(element -> remaining.put(element.get("id").asText(), element));
        for (JsonNode element : expected) {
            String id = element.get("id").asText();
            compare(path + "[id=" + id + "]", element, remaining.remove(id), sink);
        }
        remaining.forEach((id, element) -> sink.mismatch(path + "[id=" + id + "]", MissingNode.getInstance(), element));
    }

    /** A list whose elements are objects with an id (an empty list qualifies, so [] against tags matches by id). */
    private static boolean byId(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements.stream().allMatch(element -> element.isObject() && element.has("id"));
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static final class Counter implements Sink {
        int differences;

        @Override
        public void mismatch(String path, JsonNode expected, JsonNode actual) {
            differences++;
        }

        @Override
        public void allowed(String path, String reason, JsonNode expected, JsonNode actual) {
            differences++;
        }
    }
}
