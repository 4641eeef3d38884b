package dev.macula.api.forms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Filled-in forms (docs/api.md §3.5, docs/api.md §7). */
public final class FormAnnotationMessages {

    private FormAnnotationMessages() {
    }

    /** Where a form is attached and what it says; null fields in an update mean "unchanged". */
    public record Attachment(Long formSchemaId, Long patientId, Long studyId, Long imageInstanceId, String laterality,
                             Long subTaskId, Long formAnnotationReferenceId) {
    }

    public record CreateFormAnnotationCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId,
                                              Attachment attachment, JsonNode formData, UserId creatorId) {
    }

    public record UpdateFormAnnotationCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId,
                                              Attachment attachment, JsonNode formData) {
    }

    public record ReplaceFormDataCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId, JsonNode formData) {
    }

    public record DeactivateFormAnnotationCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId) {
    }

    /** Undoes a deactivation (a revert to a moment the form was active). */
    public record ReactivateFormAnnotationCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId) {
    }

    public record AttachFormAnnotationTagCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId,
                                                 TagId tagId, UserId taggerId, String comment) {
    }

    public record ChangeFormAnnotationTagCommentCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId,
                                                        TagId tagId, String comment) {
    }

    public record DetachFormAnnotationTagCommand(@TargetAggregateIdentifier FormAnnotationId formAnnotationId,
                                                 TagId tagId) {
    }

    @Revision("1")
    public record FormAnnotationCreatedEvent(FormAnnotationId formAnnotationId, Attachment attachment,
                                             JsonNode formData, UserId creatorId) {
    }

    @Revision("1")
    public record FormAnnotationUpdatedEvent(FormAnnotationId formAnnotationId, Attachment attachment) {
    }

    @Revision("1")
    public record FormDataReplacedEvent(FormAnnotationId formAnnotationId, JsonNode formData) {
    }

    @Revision("1")
    public record FormAnnotationDeactivatedEvent(FormAnnotationId formAnnotationId) {
    }

    @Revision("1")
    public record FormAnnotationReactivatedEvent(FormAnnotationId formAnnotationId) {
    }

    /** Answer: FormAnnotationGET as the query side builds it, or null. */
    public record FindFormAnnotationQuery(FormAnnotationId formAnnotationId) {
    }

    /**
     * Answer: list of FormAnnotationGET views of active forms in id order. Each non-null filter must match
     * exactly; the ids are plain numbers because a filter may name an id that cannot exist. {@code limit}
     * null means all, then {@code page} is ignored.
     */
    public record FindFormAnnotationsQuery(Long patientId, Long studyId, Long imageInstanceId, Long formSchemaId,
                                           Long subTaskId, Long creatorId, Boolean valid, Integer limit, int page) {
    }

    /** Answer: the stored form data as JSON text ({@code "null"} when empty), or null when the form does not exist. */
    public record FindFormDataQuery(FormAnnotationId formAnnotationId) {
    }
}
