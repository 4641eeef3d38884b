package dev.macula.command.forms;

import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.AttachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.ChangeFormAnnotationTagCommentCommand;
import dev.macula.api.forms.FormAnnotationMessages.CreateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.DeactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.DetachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationCreatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationDeactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationUpdatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormDataReplacedEvent;
import dev.macula.api.forms.FormAnnotationMessages.FormAnnotationReactivatedEvent;
import dev.macula.api.forms.FormAnnotationMessages.ReactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.ReplaceFormDataCommand;
import dev.macula.api.forms.FormAnnotationMessages.UpdateFormAnnotationCommand;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.common.AggregateCaching;
import dev.macula.command.tagging.TagLinks;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One filled-in form; every autosave of its data is an event, so the form's history is complete. */
@Aggregate(cache = AggregateCaching.CACHE)
public class FormAnnotationAggregate {

    @AggregateIdentifier
    private FormAnnotationId formAnnotationId;
    private boolean inactive;
    @AggregateMember
    private final TagLinks tags = new TagLinks();

    protected FormAnnotationAggregate() {
        // for Axon
    }

    @CommandHandler
    public FormAnnotationAggregate(CreateFormAnnotationCommand c) {
        apply(new FormAnnotationCreatedEvent(c.formAnnotationId(), c.attachment(), c.formData(), c.creatorId()));
    }

    @CommandHandler
    public void handle(UpdateFormAnnotationCommand c) {
        apply(new FormAnnotationUpdatedEvent(formAnnotationId, c.attachment()));
        if (c.formData() != null && !c.formData().isNull()) {
            apply(new FormDataReplacedEvent(formAnnotationId, c.formData()));
        }
    }

    @CommandHandler
    public void handle(ReplaceFormDataCommand c) {
        apply(new FormDataReplacedEvent(formAnnotationId, c.formData()));
    }

    @CommandHandler
    public void handle(DeactivateFormAnnotationCommand c) {
        if (!inactive) {
            apply(new FormAnnotationDeactivatedEvent(formAnnotationId));
        }
    }

    @CommandHandler
    public void handle(ReactivateFormAnnotationCommand c) {
        if (inactive) {
            apply(new FormAnnotationReactivatedEvent(formAnnotationId));
        }
    }

    @CommandHandler
    public void handle(AttachFormAnnotationTagCommand c) {
        tags.attach(self(), c.tagId(), c.taggerId(), c.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(ChangeFormAnnotationTagCommentCommand c) {
        tags.patch(self(), c.tagId(), c.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(DetachFormAnnotationTagCommand c) {
        tags.detach(self(), c.tagId()).ifPresent(AggregateLifecycle::apply);
    }

    private TaggedObject self() {
        return new TaggedObject(TagType.FormAnnotation, formAnnotationId.value());
    }

    @EventSourcingHandler
    void on(FormAnnotationCreatedEvent event) {
        formAnnotationId = event.formAnnotationId();
    }

    @EventSourcingHandler
    void on(FormAnnotationDeactivatedEvent event) {
        inactive = true;
    }

    @EventSourcingHandler
    void on(FormAnnotationReactivatedEvent event) {
        inactive = false;
    }
}
