package dev.macula.api.forms;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Form schemas: named JSON Schema (draft 7) documents describing grading forms (docs/api.md §7.1). */
public final class FormSchemaMessages {

    private FormSchemaMessages() {
    }

    public enum EntityType { Patient, Study, Eye, StudyEye, ImageInstance }

    public record CreateFormSchemaCommand(@TargetAggregateIdentifier FormSchemaId formSchemaId, String name,
                                          JsonNode schema, EntityType entityType) {
    }

    @Revision("1")
    public record FormSchemaCreatedEvent(FormSchemaId formSchemaId, String name, JsonNode schema, EntityType entityType) {
    }

    /** Answer: list of the query side's FormSchemaGET views by name. */
    public record FindFormSchemasQuery() {
    }

    /** Answer: FormSchemaGET view, or null. */
    public record FindFormSchemaQuery(FormSchemaId formSchemaId) {
    }
}
