package dev.macula.command.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaView;
import dev.macula.api.forms.FormValidation;
import dev.macula.api.forms.FormSchemaMessages.CreateFormSchemaCommand;
import dev.macula.api.forms.FormSchemaMessages.EntityType;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * New: {@code POST /api/form-schemas} (admin). The document must itself be a valid JSON Schema —
 * checked against the draft-7 meta-schema, the draft the original's forms use — else 422 listing
 * every violation with its JSON path. {@code "x-macula-strict": true} in the document opts its forms in
 * to strict saving (saves that do not validate are refused, see {@code FormAnnotationController}); it
 * must be a boolean.
 */
@RestController
class FormSchemaController {

    private static final JsonSchema DRAFT_7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of(SchemaId.V7));

    private final CommandDispatcher commands;
    private final IdAllocator ids;
    FormSchemaController(CommandDispatcher commands, IdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping("/api/form-schemas")
    FormSchemaView create(JsonBody body) {
        String name = body.requiredString("name", 255);
        JsonNode schema = body.raw("schema");
        EntityType entityType = body.optionalEnum("entity_type", EntityType.class);
        body.validate();
        if (schema == null || !schema.isObject()) {
            throw new RequestValidationException(ValidationError.of(schema == null ? "missing" : "dict_type",
                    List.of("body", "schema"), schema == null ? "Field required" : "Input should be a valid dictionary",
                    schema));
        }
        JsonNode strict = schema.get(FormValidation.STRICT);
        if (strict != null && !strict.isBoolean()) {
            throw new RequestValidationException(ValidationError.of("bool_type",
                    List.of("body", "schema", FormValidation.STRICT), "Input should be a valid boolean", strict));
        }
        Set<ValidationMessage> violations = DRAFT_7.validate(schema);
        if (!violations.isEmpty()) {
            List<ValidationError> errors = new ArrayList<>();
            for (ValidationMessage violation : violations) {
                List<Object> loc = new ArrayList<>(List.of("body", "schema"));
                String path = violation.getInstanceLocation().toString(); // "$.properties.x.type"
                for (String part : path.replaceFirst("^\\$\\.?", "").split("\\.")) {
                    if (!part.isEmpty()) {
                        loc.add(part);
                    }
                }
                errors.add(ValidationError.of("json_schema", loc, "Not a valid JSON Schema: " + violation.getMessage(),
                        null));
            }
            throw new RequestValidationException(errors);
        }
        List<String> external = FormValidation.externalReferences(schema);
        if (!external.isEmpty()) {
            throw new RequestValidationException(external.stream().map(pointer -> {
                List<Object> loc = new ArrayList<>(List.of("body", "schema"));
                loc.addAll(List.of(pointer.substring(1).split("/")));
                return ValidationError.of("json_schema", loc, "A $ref to another document is not supported: "
                        + "Macula never fetches one; put the definition under \"definitions\" and refer to it with #/…",
                        schema.at(pointer));
            }).toList());
        }
        FormSchemaId id = FormSchemaId.of(ids.next(FormSchemaId.TYPE));
        commands.send(new CreateFormSchemaCommand(id, name, schema, entityType));
        return new FormSchemaView(name, schema, entityType == null ? null : entityType.name(), id.value());
    }
}
