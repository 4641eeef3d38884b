package dev.macula.command.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.tasks.SubTaskId;

import java.util.List;

/**
 * Domain service: the form annotations of a sub-task that do not satisfy their schema. Validity is
 * derived state of other aggregates (the forms), kept only in the form-annotation read model, so the
 * sub-task cannot know it from its own events; its command handler asks this service instead.
 */
public interface SubTaskForms {

    /** An active form of the sub-task whose data violates its schema; {@code errors} as FormAnnotationGET shows them. */
    record InvalidForm(long id, @JsonProperty("form_schema_id") long formSchemaId, JsonNode errors) {
    }

    /** By form id; empty when every active form of the sub-task is valid (or it has none). */
    List<InvalidForm> invalidForms(SubTaskId subTaskId);
}
