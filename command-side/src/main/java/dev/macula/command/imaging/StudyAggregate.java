package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.ChangeStudyTagCommentCommand;
import dev.macula.api.imaging.ImagingCommands.DetachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.RecordStudyCommand;
import dev.macula.api.imaging.ImagingEvents.StudyRecordedEvent;
import dev.macula.api.imaging.StudyId;
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

/** A visit: one patient, one date (unique pair, read model). Carries the study's tag links. */
@Aggregate(cache = AggregateCaching.CACHE)
public class StudyAggregate {

    @AggregateIdentifier
    private StudyId studyId;
    @AggregateMember
    private final TagLinks tags = new TagLinks();

    protected StudyAggregate() {
        // for Axon
    }

    @CommandHandler
    public StudyAggregate(RecordStudyCommand command) {
        apply(new StudyRecordedEvent(command.studyId(), command.patientId(), command.studyDate(),
                command.studyRound(), command.description()));
    }

    @CommandHandler
    public void handle(AttachStudyTagCommand command) {
        tags.attach(self(), command.tagId(), command.taggerId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(ChangeStudyTagCommentCommand command) {
        tags.patch(self(), command.tagId(), command.comment()).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(DetachStudyTagCommand command) {
        tags.detach(self(), command.tagId()).ifPresent(AggregateLifecycle::apply);
    }

    private TaggedObject self() {
        return new TaggedObject(TagType.Study, studyId.value());
    }

    @EventSourcingHandler
    void on(StudyRecordedEvent event) {
        studyId = event.studyId();
    }
}
