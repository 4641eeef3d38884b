package dev.macula.api.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code form_data} against its form schema (JSON Schema draft 7). Pure and deterministic, so the
 * read model computes the same answer on every replay, and the command side (strict schemas) and
 * the projection (stored validity) can never disagree.
 */
public final class FormValidation {

    /** Schema keyword that opts in to strict saving: saves that do not validate are refused (422). */
    public static final String STRICT = "x-macula-strict";

    /**
     * Draft 7 plus the strict keyword. No {@code $ref} is fetched from anywhere (URLs, files, class
     * path): validation runs inside write transactions, and a schema must not make the server call out.
     */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7())
                            .keyword(new NonValidationKeyword(STRICT)).build())
                    .schemaLoaders(loaders -> loaders.values(list -> list.add(0, DisallowSchemaLoader.getInstance()))));
    private static final int CACHED_SCHEMAS = 256;
    private static final Map<JsonNode, JsonSchema> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonSchema> eldest) {
            return size() > CACHED_SCHEMAS;
        }
    };

    private FormValidation() {
    }

    /** One violation: where (a JSON Pointer into form_data, {@code ""} = the whole value) and what. */
    public record Problem(String path, String message) {
    }

    /** Validity of one form's data; errors sorted by path, then message. */
    public record Result(boolean valid, List<Problem> errors) {

        public static final Result VALID = new Result(true, List.of());
    }

    /**
     * The {@code $ref}s that point outside the schema document (anything but {@code #…}), each with
     * its JSON Pointer in the schema. Macula never fetches another document, so forms of such a
     * schema could never be judged — and would block their sub-task's Ready for a reason no grader
     * can fix; schemas are refused for them at creation.
     */
    public static List<String> externalReferences(JsonNode schema) {
        List<String> found = new ArrayList<>();
        collectExternalReferences(schema, "", found);
        return found;
    }

    private static void collectExternalReferences(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().equals("$ref") && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")) {
                    found.add(at);
                } else {
                    collectExternalReferences(field.getValue(), at, found);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectExternalReferences(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    public static boolean strict(JsonNode schema) {
        return schema != null && schema.path(STRICT).asBoolean(false);
    }

    /**
     * Validates; {@code null} data counts as JSON null. A missing schema document is invalid, as in
     * the original's offline check (docs/api.md §7.2).
     */
    public static Result validate(JsonNode schema, JsonNode data) {
        if (schema == null || schema.isNull()) {
            return new Result(false, List.of(new Problem("", "the form schema has no document")));
        }
        Set<ValidationMessage> violations;
        try {
            violations = compiled(schema).validate(data == null ? NullNode.getInstance() : data);
        } catch (RuntimeException e) { // e.g. a $ref to another document
            return new Result(false, List.of(new Problem("", "the form schema cannot be used: " + e.getMessage())));
        } catch (StackOverflowError e) { // a recursive schema over absurdly deep data: a report, never a failed save
            return new Result(false, List.of(new Problem("", "the form data is nested too deeply to be validated")));
        }
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage violation : violations) {
            Problem problem = problem(violation);
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty()) {
            return Result.VALID;
        }
        problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::message));
        return new Result(false, List.copyOf(problems));
    }

    private static JsonSchema compiled(JsonNode schema) {
        synchronized (CACHE) {
            JsonSchema cached = CACHE.get(schema);
            if (cached == null) {
                cached = FACTORY.getSchema(schema);
                CACHE.put(schema.deepCopy(), cached);
            }
            return cached;
        }
    }

    /** A missing required property is reported at the property's own path, where the grader must act. */
    private static Problem problem(ValidationMessage violation) {
        String path = pointer(violation.getInstanceLocation());
        if ("required".equals(violation.getType()) && violation.getProperty() != null) {
            path = path + "/" + escape(violation.getProperty());
        }
        String message = violation.getError() != null ? violation.getError() : violation.getMessage();
        return new Problem(path, message);
    }

    private static String pointer(JsonNodePath location) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        return pointer.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
