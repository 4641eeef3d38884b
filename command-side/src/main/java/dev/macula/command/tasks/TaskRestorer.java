package dev.macula.command.tasks;

import dev.macula.api.tasks.TaskMessages.DeleteTaskCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskMessages.RestoreTaskCommand;
import dev.macula.api.tasks.TaskMessages.TaskState;
import dev.macula.api.tasks.TaskMessages.UpdateTaskCommand;
import dev.macula.api.tasks.TaskView;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task as it was ({@code POST /api/task/{id}/revert}): name, description, contact, definition and
 * state. A deleted task comes back with the sub-tasks it had then (the read model dropped them with
 * it). Fields that were empty then but are set now need the restore command, which carries the whole
 * state; other changes are the live update.
 */
@Component
class TaskRestorer extends StateRestorer<TaskRestorer.State> {

    private final QueryGateway queries;
    private final TaskLookups lookups;
    private final SubTaskRestorer subTasks;

    TaskRestorer(RestoreSupport support, QueryGateway queries, TaskLookups lookups, SubTaskRestorer subTasks) {
        super(support);
        this.queries = queries;
        this.lookups = lookups;
        this.subTasks = subTasks;
    }

    /** The task, and (only when it is gone now) its sub-tasks as they were. */
    record State(TaskView view, Map<Long, SubTaskRestorer.State> subTasks) {
    }

    @Override
    public String entityType() {
        return TaskId.TYPE;
    }

    @Override
    protected State read(long id) {
        TaskView view = id <= 0 ? null
                : queries.query(new FindTaskQuery(TaskId.of(id)), ResponseTypes.instanceOf(TaskView.class)).join();
        if (view == null) {
            return null;
        }
        Map<Long, SubTaskRestorer.State> children = new LinkedHashMap<>();
        lookups.subTasksOf(id).forEach(subTask -> children.put(subTask, subTasks.read(subTask)));
        return new State(view, children);
    }

    @Override
    protected List<Object> commands(long id, State past, State now) {
        TaskView then = past.view();
        TaskState state = TaskState.valueOf(then.taskState());
        TaskDefinitionId definition = TaskDefinitionId.of(then.taskDefinitionId());
        if (now == null || emptied(then.description(), now.view().description())
                || emptied(then.contactId(), now.view().contactId())) {
            List<Object> commands = new ArrayList<>();
            commands.add(new RestoreTaskCommand(TaskId.of(id), then.name(), then.description(), then.contactId(),
                    definition, then.creator() == null ? null : UserId.of(then.creator().id()), state,
                    then.dateInserted()));
            if (now == null) {
                past.subTasks().forEach((subTask, was) ->
                        commands.addAll(subTasks.commandsTowards(subTask, was, subTasks.read(subTask))));
            }
            return commands;
        }
        TaskView current = now.view();
        String name = changedTo(then.name(), current.name());
        String description = changedTo(then.description(), current.description());
        Long contact = changedTo(then.contactId(), current.contactId());
        TaskDefinitionId newDefinition = then.taskDefinitionId() == current.taskDefinitionId() ? null : definition;
        TaskState newState = then.taskState().equals(current.taskState()) ? null : state;
        if (name == null && description == null && contact == null && newDefinition == null && newState == null) {
            return List.of();
        }
        return List.of(new UpdateTaskCommand(TaskId.of(id), name, description, contact, newDefinition, newState));
    }

    /** Empty then, set now: an update cannot empty a field. */
    private static boolean emptied(Object then, Object now) {
        return then == null && now != null;
    }

    private static <T> T changedTo(T then, T now) {
        return Objects.equals(then, now) ? null : then;
    }

    @Override
    protected List<Object> removal(long id, State now) {
        return List.of(new DeleteTaskCommand(TaskId.of(id)));
    }

    @Override
    protected String notFound() {
        return "Task not found";
    }

    @Override
    protected String kind() {
        return "Task";
    }
}
