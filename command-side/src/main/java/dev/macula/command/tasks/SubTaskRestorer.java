package dev.macula.command.tasks;

import dev.macula.api.tasks.SubTaskMessages.DeleteSubTaskCommand;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.AddSubTaskImagesCommand;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskMessages.RemoveSubTaskImageCommand;
import dev.macula.api.tasks.SubTaskMessages.RestoreSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.UpdateSubTaskCommand;
import dev.macula.api.tasks.SubTaskView;
import dev.macula.api.tasks.TaskId;
import dev.macula.command.common.ReadModel;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import dev.macula.api.common.ApiException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sub-task as it was ({@code POST /api/subtasks/{id}/revert}): state, comments and images. A deleted
 * sub-task comes back (its task must exist: revert the task first), as do comments that were empty
 * then — both with the restore command, which carries the whole state; other changes are the live
 * updates, so moving back to Ready obeys the same form check.
 */
@Component
class SubTaskRestorer extends StateRestorer<SubTaskRestorer.State> {

    private final QueryGateway queries;
    private final TaskLookups lookups;

    SubTaskRestorer(RestoreSupport support, QueryGateway queries, TaskLookups lookups) {
        super(support);
        this.queries = queries;
        this.lookups = lookups;
    }

    record State(SubTaskView view, List<Long> images) {
    }

    @Override
    public String entityType() {
        return SubTaskId.TYPE;
    }

    @Override
    protected State read(long id) {
        SubTaskView view = id <= 0 ? null : queries.query(new FindSubTaskQuery(SubTaskId.of(id), false),
                ResponseTypes.instanceOf(SubTaskView.class)).join();
        return view == null ? null : new State(view, lookups.subTaskImages(id));
    }

    @Override
    protected List<Object> commands(long id, State past, State now) {
        if (now == null && !lookups.exists(ReadModel.TASK, past.view().taskId())) {
            throw ApiException.conflict("The task of sub-task " + id + " (" + past.view().taskId()
                    + ") is deleted; revert the task first");
        }
        return commandsTowards(id, past, now);
    }

    /** Also for a task restore, which brings back the task first and then its sub-tasks. */
    List<Object> commandsTowards(long id, State past, State now) {
        SubTaskId subTask = SubTaskId.of(id);
        SubTaskView then = past.view();
        if (now == null || (then.comments() == null && now.view().comments() != null)) {
            return List.of(new RestoreSubTaskCommand(subTask, TaskId.of(then.taskId()), then.creatorId(),
                    then.comments(), SubTaskState.valueOf(then.taskState()),
                    past.images().stream().map(InstanceId::of).toList()));
        }
        List<Object> commands = new ArrayList<>();
        String comments = Objects.equals(then.comments(), now.view().comments()) ? null : then.comments();
        SubTaskState state = then.taskState().equals(now.view().taskState()) ? null
                : SubTaskState.valueOf(then.taskState());
        List<InstanceId> added = past.images().stream().filter(image -> !now.images().contains(image))
                .map(InstanceId::of).toList();
        if (!added.isEmpty()) {
            commands.add(new AddSubTaskImagesCommand(subTask, added));
        }
        now.images().stream().filter(image -> !past.images().contains(image))
                .forEach(image -> commands.add(new RemoveSubTaskImageCommand(subTask, InstanceId.of(image))));
        if (comments != null || state != null) {
            commands.add(new UpdateSubTaskCommand(subTask, comments, state));
        }
        return commands;
    }

    @Override
    protected List<Object> removal(long id, State now) {
        return List.of(new DeleteSubTaskCommand(SubTaskId.of(id)));
    }

    @Override
    protected String notFound() {
        return "SubTask not found";
    }

    @Override
    protected String kind() {
        return "SubTask";
    }
}
