package dev.macula.command.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.macula.api.common.ApiException;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.AttachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.ChangeFormAnnotationTagCommentCommand;
import dev.macula.api.forms.FormAnnotationMessages.CreateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.DeactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationCreatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationDeactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormDataReplacedEvent;
import dev.macula.api.forms.FormAnnotationMessages.ReplaceFormDataCommand;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaMessages.CreateFormSchemaCommand;
import dev.macula.api.forms.FormSchemaMessages.EntityType;
import dev.macula.api.forms.FormSchemaMessages.FormSchemaCreatedEvent;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class FormAggregatesTest {

    private static final FormAnnotationId ID = FormAnnotationId.of(8);
    private static final Attachment ON_IMAGE = new Attachment(1L, 2L, 3L, 4L, "R", null, null);
    private static final JsonNode DATA = JsonNodeFactory.instance.objectNode().put("drusen", "small");
    private static final FormAnnotationCreatedEvent CREATED = new FormAnnotationCreatedEvent(ID, ON_IMAGE, DATA, UserId.of(5));

    @Test
    void formSchemaCreationCarriesTheDocument() {
        FormSchemaId id = FormSchemaId.of(1);
        JsonNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        new AggregateTestFixture<>(FormSchemaAggregate.class).givenNoPriorActivity()
                .when(new CreateFormSchemaCommand(id, "AMD", schema, EntityType.ImageInstance))
                .expectEvents(new FormSchemaCreatedEvent(id, "AMD", schema, EntityType.ImageInstance));
    }

    @Test
    void formAnnotationsRecordEveryDataSaveAndDeactivateOnce() {
        AggregateTestFixture<FormAnnotationAggregate> fixture = new AggregateTestFixture<>(FormAnnotationAggregate.class);
        fixture.givenNoPriorActivity().when(new CreateFormAnnotationCommand(ID, ON_IMAGE, DATA, UserId.of(5)))
                .expectEvents(CREATED);
        JsonNode next = JsonNodeFactory.instance.objectNode().put("drusen", "large");
        fixture.given(CREATED).when(new ReplaceFormDataCommand(ID, next)).expectEvents(new FormDataReplacedEvent(ID, next));
        fixture.given(CREATED).when(new DeactivateFormAnnotationCommand(ID))
                .expectEvents(new FormAnnotationDeactivatedEvent(ID));
        fixture.given(CREATED, new FormAnnotationDeactivatedEvent(ID)).when(new DeactivateFormAnnotationCommand(ID))
                .expectNoEvents();
        fixture.given(CREATED).when(new ChangeFormAnnotationTagCommentCommand(ID, TagId.of(3), "x"))
                .expectNoEvents().expectException(ApiException.class); // no such link
    }

    @Test
    void formAnnotationTagLinksPointAtTheAnnotation() { // the rules are TagLinksTest's
        new AggregateTestFixture<>(FormAnnotationAggregate.class).given(CREATED)
                .when(new AttachFormAnnotationTagCommand(ID, TagId.of(3), UserId.of(5), null))
                .expectEvents(new TagAttachedEvent(new TaggedObject(TagType.FormAnnotation, 8), TagId.of(3), UserId.of(5), null));
    }
}
