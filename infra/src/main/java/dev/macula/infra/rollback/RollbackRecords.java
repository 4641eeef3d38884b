package dev.macula.infra.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.history.HistoryEntry;
import dev.macula.command.tagging.TagLinkRestorer;
import dev.macula.infra.rollback.RollbackView.ObjectOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The tables of migration V19: a rollback's request and, object by object, what became of it. */
@Component
class RollbackRecords {

    private static final TypeReference<List<HistoryEntry.Actor>> ACTORS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    RollbackRecords(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, RollbackRequest request) {
        jdbc.update("insert into rollback (id, actor_id, since, until, dry_run, force) values (?, ?, ?, ?, ?, ?)",
                id, request.actorId(), Timestamp.from(request.since()),
                request.until() == null ? null : Timestamp.from(request.until()), request.dryRun(), request.force());
    }

    void add(UUID id, int ordinal, ChangedObject object, String outcome, List<HistoryEntry.Actor> otherActors,
             String detail) {
        jdbc.update("""
                        insert into rollback_object (rollback_id, ordinal, entity_type, entity_id, outcome, other_actors, detail)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?)""",
                id, ordinal, object.entityType(), object.entityId(), outcome, write(otherActors),
                detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
    }

    /** Null when there is no such rollback. */
    RollbackView find(UUID id) {
        List<ObjectOutcome> objects = jdbc.query(
                "select * from rollback_object where rollback_id = ? order by ordinal", (rs, row) -> new ObjectOutcome(
                        rs.getString("entity_type"), entityId(rs.getString("entity_type"), rs.getString("entity_id")),
                        rs.getString("outcome"), read(rs.getString("other_actors")), rs.getString("detail")), id);
        int restored = (int) objects.stream().filter(o -> o.outcome().equals(Outcomes.RESTORED)
                || o.outcome().equals(Outcomes.WOULD_RESTORE)).count();
        int conflicts = (int) objects.stream().filter(o -> o.outcome().equals(Outcomes.CONFLICT)).count();
        return jdbc.query("""
                        select r.*, j.state from rollback r join background_job j on j.id = r.id where r.id = ?""",
                (rs, row) -> new RollbackView(id, rs.getString("state"), rs.getBoolean("dry_run"), rs.getBoolean("force"),
                        rs.getLong("actor_id"), utc(rs.getTimestamp("since")), utc(rs.getTimestamp("until")), restored,
                        conflicts, objects), id).stream().findFirst().orElse(null);
    }

    /** Aggregates have integer ids on the wire (as in the activity feed); a tag link's id is a string. */
    private static Object entityId(String entityType, String entityId) {
        return entityType.equals(TagLinkRestorer.ENTITY_TYPE) ? entityId : Long.valueOf(entityId);
    }

    private static LocalDateTime utc(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    private String write(List<HistoryEntry.Actor> actors) {
        try {
            return json.writeValueAsString(actors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<HistoryEntry.Actor> read(String actors) {
        try {
            return json.readValue(actors, ACTORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
