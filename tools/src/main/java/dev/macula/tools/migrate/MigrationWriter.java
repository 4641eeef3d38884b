package dev.macula.tools.migrate;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.EntityId;
import dev.macula.api.common.MessageMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends the ordinary commands of the platform on behalf of the original's users: each command names
 * its actor (the row's creator, or the migration itself when the original does not know one), is
 * stamped with the row's original time ({@link MigrationClock}) and carries {@code migratedFrom}, which
 * its events inherit. The aggregates validate as for any caller; what they refuse is reported, not fatal.
 *
 * <p>Rows go in batches ({@link #together}): one database transaction that every command of the batch
 * joins (the simple command bus runs a command's unit of work on the sending thread, and Axon's Spring
 * transaction manager and connection provider take part in a transaction the thread already has), so
 * a batch costs one commit instead of one per command. A command that fails in a batch rolls the whole
 * batch back; its rows are then sent again one transaction each, so a bad row is still skipped with
 * its reason and nothing of a batch is half-written.
 */
final class MigrationWriter {

    /** The actor of facts whose author the original does not record. */
    static final Actor MIGRATION = new Actor(null, "eyened-migration");

    /** The batch the current thread is sending, if any. */
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    private final CommandGateway commands;
    private final JdbcTemplate target;
    private final TransactionTemplate transactions;
    private final String source;

    MigrationWriter(CommandGateway commands, JdbcTemplate target, PlatformTransactionManager transactions, String source) {
        this.commands = commands;
        this.target = target;
        this.transactions = new TransactionTemplate(transactions);
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

    /**
     * A batch in progress: the commands it has sent (to tell a row skipped before it sent anything from one
     * skipped halfway), whether one failed, and the aggregates its rows make that no earlier run made,
     * asked in one query when it began.
     */
    private static final class Batch {
        final Set<String> absent;
        int sent;
        boolean failed;

        Batch(Set<String> absent) {
            this.absent = absent;
        }
    }

    /**
     * A command of a batch failed, or a row of it was skipped after sending some of its commands: the
     * batch rolls back and its rows go again one by one. Thrown through the row's migrator.
     */
    static final class BatchFailed extends RuntimeException {
        BatchFailed(Throwable cause) {
            super(cause == null ? "a command failed or a row was skipped halfway" : cause.getMessage(), cause, false, false);
        }
    }

    /**
     * Migrates {@code rows} in one database transaction: their outcomes, in order, once committed; null
     * when it was rolled back instead (a command failed, a row was skipped halfway, or the commit itself
     * failed), and the caller should migrate them again one by one, where each command commits alone and
     * a failure is told apart as a row's fault or an outage. Rows skipped before they sent anything (a
     * value the migration cannot read) do not spoil the batch: they wrote nothing.
     */
    <R> List<Outcome> together(List<R> rows, Collection<String> created, Function<R, Outcome> migrate) {
        try {
            return transactions.execute(status -> {
                Batch batch = new Batch(absent(created));
                BATCH.set(batch);
                try {
                    List<Outcome> outcomes = new ArrayList<>(rows.size());
                    for (R row : rows) {
                        int before = batch.sent;
                        Outcome outcome = migrate.apply(row);
                        // also when a migrator swallowed the BatchFailed its failed command threw
                        if (batch.failed || (outcome instanceof Skipped && batch.sent > before)) {
                            throw new BatchFailed(null);
                        }
                        outcomes.add(outcome);
                    }
                    return outcomes;
                } finally {
                    BATCH.remove();
                }
            });
        } catch (MigrationStopped e) {
            throw e; // the source went away: nothing to retry here
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * True when the aggregate ({@code tag:17}) has events already: an earlier run migrated it. In a batch,
     * an aggregate the batch found absent when it began is answered from that, once: the row that asks
     * makes it (or fails, and the batch with it), so whoever asks again asks the database, which in the
     * batch's transaction sees it made.
     */
    boolean exists(String aggregateIdentifier) {
        Batch batch = BATCH.get();
        if (batch != null && batch.absent.remove(aggregateIdentifier)) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(target.queryForObject(
                    "select exists (select 1 from domainevententry where aggregateidentifier = ? and sequencenumber = 0)",
                    Boolean.class, aggregateIdentifier));
        } catch (RuntimeException e) {
            if (batch != null) { // as in send: the batch goes again row by row, where this is told apart
                batch.failed = true;
                throw new BatchFailed(e);
            }
            if (isOutage(e)) { // stop rather than skip every row that follows
                throw new MigrationStopped("the target database is unreachable: " + rootMessage(e), e);
            }
            throw e;
        }
    }

    /** Those of {@code aggregates} that have no events yet, in one query. */
    private Set<String> absent(Collection<String> aggregates) {
        Set<String> absent = new HashSet<>(aggregates);
        if (!absent.isEmpty()) {
            String[] ids = absent.toArray(String[]::new);
            absent.removeAll(target.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(
                        "select aggregateidentifier from domainevententry where aggregateidentifier = any(?)"
                                + " and sequencenumber = 0");
                statement.setArray(1, connection.createArrayOf("varchar", ids));
                return statement;
            }, (rs, n) -> rs.getString(1)));
        }
        return absent;
    }

    /**
     * Sends the command that creates {@code created} unless an earlier run did (then
     * {@link Outcome#ALREADY}): the resume case, where the last pages of a step may be sent again.
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
        Batch batch = BATCH.get();
        try {
            MigrationClock.at(at, () -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metadata)));
            if (batch != null) {
                batch.sent++;
            }
            return Outcome.MIGRATED;
        } catch (Exception e) {
            if (batch != null) {
                // the failed command may have rolled back the shared transaction already (Axon's connection
                // provider does on a unit of work's rollback), and would otherwise leave it half-written
                batch.failed = true;
                throw new BatchFailed(e);
            }
            return failed(e);
        }
    }

    /** A command sent alone failed: the row's fault (skipped, with why) or an outage (stop). */
    private static Outcome failed(Exception e) {
        if (e instanceof ApiException refused) {
            return new Skipped(refused.status() + " " + refused.detail()); // a rule of the platform the row breaks
        }
        if (isOutage(e)) {
            throw new MigrationStopped("the target database is unreachable: " + rootMessage(e), e);
        }
        return new Skipped(rootMessage(e)); // a key or value the read models or typed ids refuse
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
