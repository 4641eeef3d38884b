package dev.macula.command.tasks;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.AddSubTaskImagesCommand;
import dev.macula.api.tasks.SubTaskMessages.CreateSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.DeleteSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.RemoveSubTaskImageCommand;
import dev.macula.api.tasks.SubTaskMessages.RestoreSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.SubTaskRestoredEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCommentsChangedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskCreatedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskDeletedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImageRemovedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskImagesAddedEvent;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.SubTaskStateChangedEvent;
import dev.macula.api.tasks.SubTaskMessages.UpdateSubTaskCommand;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static dev.macula.command.common.Deletion.refuseIfDeleted;

/** One grader's share of a task: its images, comments and state. */
@Aggregate(cache = AggregateCaching.CACHE)
public class SubTaskAggregate {

    @AggregateIdentifier
    private SubTaskId subTaskId;
    private String comments;
    private SubTaskState state;
    private final Set<InstanceId> images = new LinkedHashSet<>();
    private boolean deleted;

    protected SubTaskAggregate() {
        // for Axon
    }

    @CommandHandler
    public SubTaskAggregate(CreateSubTaskCommand c) {
        apply(new SubTaskCreatedEvent(c.subTaskId(), c.taskId(), c.creatorId(), c.comments(), SubTaskState.NotStarted,
                List.copyOf(new LinkedHashSet<>(c.imageIds()))));
    }

    /**
     * A grader commits a sub-task by moving it to Ready; its forms must then satisfy their schemas
     * (saving them never checks, so the viewer's autosave loses nothing). The rule lives here, not in
     * a controller, so every way to Ready obeys it; validity comes from {@link SubTaskForms} because
     * it is derived state of the form aggregates. Not a lock: a form saved in the same instant as the
     * Ready may slip through, and then shows as invalid on the form and in {@code ?valid=false}.
     */
    @CommandHandler
    public void handle(UpdateSubTaskCommand c, SubTaskForms forms) {
        refuseIfDeleted(deleted, subTaskId);
        if (c.taskState() == SubTaskState.Ready && state != SubTaskState.Ready) {
            List<SubTaskForms.InvalidForm> invalid = forms.invalidForms(subTaskId);
            if (!invalid.isEmpty()) {
                throw new ApiException(409, invalid.size() + " form annotation(s) of this sub-task are invalid"
                        + " against their schema; fix them before marking it Ready",
                        Map.of("invalid_form_annotations", invalid));
            }
        }
        if (c.comments() != null && !c.comments().equals(comments)) {
            apply(new SubTaskCommentsChangedEvent(subTaskId, c.comments()));
        }
        if (c.taskState() != null && c.taskState() != state) {
            apply(new SubTaskStateChangedEvent(subTaskId, state, c.taskState()));
        }
    }

    @CommandHandler
    public void handle(AddSubTaskImagesCommand c) {
        refuseIfDeleted(deleted, subTaskId);
        List<InstanceId> added = c.imageIds().stream().distinct().filter(id -> !images.contains(id)).toList();
        if (!added.isEmpty()) {
            apply(new SubTaskImagesAddedEvent(subTaskId, added));
        }
    }

    @CommandHandler
    public void handle(RemoveSubTaskImageCommand c) {
        refuseIfDeleted(deleted, subTaskId);
        if (!images.contains(c.imageId())) {
            throw ApiException.notFound("Link not found");
        }
        apply(new SubTaskImageRemovedEvent(subTaskId, c.imageId()));
    }

    @CommandHandler
    public void handle(DeleteSubTaskCommand c) {
        refuseIfDeleted(deleted, subTaskId);
        apply(new SubTaskDeletedEvent(subTaskId));
    }

    /** A revert: the whole state as it was, also after a deletion (of the sub-task or of its task). */
    @CommandHandler
    public void handle(RestoreSubTaskCommand c) {
        apply(new SubTaskRestoredEvent(subTaskId, c.taskId(), c.creatorId(), c.comments(), c.taskState(),
                List.copyOf(new LinkedHashSet<>(c.imageIds()))));
    }

    @EventSourcingHandler
    void on(SubTaskCreatedEvent e) {
        subTaskId = e.subTaskId();
        comments = e.comments();
        state = e.taskState();
        images.addAll(e.imageIds());
    }

    @EventSourcingHandler
    void on(SubTaskCommentsChangedEvent e) {
        comments = e.comments();
    }

    @EventSourcingHandler
    void on(SubTaskStateChangedEvent e) {
        state = Objects.requireNonNull(e.to());
    }

    @EventSourcingHandler
    void on(SubTaskImagesAddedEvent e) {
        images.addAll(e.imageIds());
    }

    @EventSourcingHandler
    void on(SubTaskImageRemovedEvent e) {
        images.remove(e.imageId());
    }

    @EventSourcingHandler
    void on(SubTaskDeletedEvent e) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(SubTaskRestoredEvent e) {
        deleted = false;
        comments = e.comments();
        state = e.taskState();
        images.clear();
        images.addAll(e.imageIds());
    }
}
