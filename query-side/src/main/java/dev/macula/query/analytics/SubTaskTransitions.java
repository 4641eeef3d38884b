package dev.macula.query.analytics;

import dev.macula.api.common.MessageMetadata;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.SubTaskStateChangedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The state transitions of sub-tasks, straight from the event store: every
 * {@link SubTaskStateChangedEvent} of the given sub-tasks up to a position, in position order, with
 * its moment and actor. The payload is read as JSON in SQL (the event serializer is Jackson and the
 * event has no upcaster); should it ever get one, decode through Axon as the history reader does.
 */
@Component
class SubTaskTransitions {

    /** One transition: sub-task {@code subTaskId} entered {@code to} at {@code at}, by {@code actorId}. */
    record Transition(long position, long subTaskId, Instant at, Long actorId, String actorName, SubTaskState to) {
    }

    private final JdbcTemplate jdbc;

    SubTaskTransitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Transition> of(Collection<Long> subTaskIds, long upTo) {
        if (subTaskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        select globalindex, aggregateidentifier, timestamp, macula_event_actor_id(metadata) as actor_id,
                               convert_from(metadata, 'UTF8')::jsonb ->> ? as actor_name,
                               convert_from(payload, 'UTF8')::jsonb ->> 'to' as to_state
                        from domainevententry
                        where aggregateidentifier = any(string_to_array(?, ',')) and payloadtype = ? and globalindex <= ?
                        order by globalindex""",
                (rs, row) -> new Transition(rs.getLong("globalindex"),
                        Long.parseLong(rs.getString("aggregateidentifier").substring(SubTaskId.TYPE.length() + 1)),
                        Instant.parse(rs.getString("timestamp")), (Long) rs.getObject("actor_id"),
                        rs.getString("actor_name"), SubTaskState.valueOf(rs.getString("to_state"))),
                MessageMetadata.ACTOR_NAME, identifiers(subTaskIds), SubTaskStateChangedEvent.class.getName(), upTo);
    }

    private static String identifiers(Collection<Long> subTaskIds) {
        return subTaskIds.stream().map(id -> SubTaskId.of(id).toString()).collect(Collectors.joining(","));
    }
}
