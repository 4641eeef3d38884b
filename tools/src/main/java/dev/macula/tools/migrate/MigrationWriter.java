package dev.macula.tools.migrate;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.EntityId;
import dev.macula.api.common.MessageMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends the ordinary commands of the platform on behalf of the original's users: each command names
 * its actor (the row's creator, or the migration itself when the original does not know one), is
 * stamped with the row's original time ({@link MigrationClock}) and carries {@code migratedFrom}, which
 * its events inherit. The aggregates validate as for any caller; what they refuse is reported, not fatal.
 */
final class MigrationWriter {

    /** The actor of facts whose author the original does not record. */
    static final Actor MIGRATION = new Actor(null, "eyened-migration");

    private final CommandGateway commands;
    private final JdbcTemplate target;
    private final String source;

    MigrationWriter(CommandGateway commands, JdbcTemplate target, String source) {
        this.commands = commands;
        this.target = target;
        this.source = source;
        MigrationClock.install();
    }

    record Actor(Long id, String name) {
    }

    /** What became of one source row. */
    sealed interface Outcome {
        Outcome MIGRATED = new Migrated();
        Outcome ALREADY = new Already();
    }

    record Migrated() implements Outcome {
    }

    /** Made by an earlier run of the migration (the resume case): nothing is sent twice. */
    record Already() implements Outcome {
    }

    record Skipped(String reason) implements Outcome {
    }

    /** True when the aggregate ({@code tag:17}) has events already: an earlier run migrated it. */
    boolean exists(String aggregateIdentifier) {
        return Boolean.TRUE.equals(target.queryForObject(
                "select exists (select 1 from domainevententry where aggregateidentifier = ? and sequencenumber = 0)",
                Boolean.class, aggregateIdentifier));
    }

    /**
     * Sends the command that creates {@code created} unless an earlier run did (then
     * {@link Outcome#ALREADY}): the resume case, where the last page of a step may be sent again.
     */
    Outcome sendOnce(EntityId created, Object command, Actor actor, Instant at, String row) {
        return exists(created.toString()) ? Outcome.ALREADY : send(command, actor, at, row);
    }

    /** Sends {@code command} as {@code actor} at {@code at}; {@code row}: the source table and key. */
    Outcome send(Object command, Actor actor, Instant at, String row) {
        Map<String, Object> metadata = new HashMap<>();
        if (actor.id() != null) {
            metadata.put(MessageMetadata.ACTOR_ID, actor.id());
        }
        metadata.put(MessageMetadata.ACTOR_NAME, actor.name());
        metadata.put(MessageMetadata.MIGRATED_FROM, source + "/" + row);
        try {
            MigrationClock.at(at, () -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metadata)));
            return Outcome.MIGRATED;
        } catch (ApiException e) {
            return new Skipped(e.status() + " " + e.detail()); // a rule of the platform the row breaks
        } catch (Exception e) {
            if (isOutage(e)) {
                throw new MigrationStopped("the target database is unreachable: " + rootMessage(e), e);
            }
            return new Skipped(rootMessage(e)); // a key or value the read models or typed ids refuse
        }
    }

    /** The database went away (stop: a rerun resumes), as opposed to a row the platform refuses. */
    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientException || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
