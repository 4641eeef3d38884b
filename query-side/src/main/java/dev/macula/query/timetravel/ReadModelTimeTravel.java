package dev.macula.query.timetravel;

import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Time travel on the PostgreSQL read models (migration V18): every inline table {@code T} has
 * {@code T_history} and a view {@code macula_asof.T} of the rows valid at the setting
 * {@code macula.as_of}. A transaction that sets it and puts {@code macula_asof} first on its search
 * path makes the live query code read the past. The transaction is read-only and always rolled
 * back, so both settings end with it and the pooled connection goes back clean.
 */
@Component
class ReadModelTimeTravel implements TimeTravel {

    private static final TransactionDefinition READ_ONLY_OF_ITS_OWN = readOnlyOfItsOwn();

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;

    ReadModelTimeTravel(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private static TransactionDefinition readOnlyOfItsOwn() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        definition.setReadOnly(true);
        return definition;
    }

    @Override
    public long resolve(AsOf asOf, Object raw, List<Object> loc) {
        Map<String, Object> found = switch (asOf) {
            case AsOf.Position position -> jdbc.queryForMap("""
                    select (select max(globalindex) from domainevententry where globalindex <= ?) as included,
                           (select max(globalindex) from domainevententry) as head,
                           (select position from read_model_history_start) as history_start""", position.value());
            case AsOf.At at -> {
                if (at.instant().isAfter(Instant.now())) {
                    throw AsOf.invalid(raw, loc, "the moment is in the future");
                }
                // Axon stamps events as fixed-width UTC text with milliseconds: text order is time order
                String stamp = DateTimeUtils.formatInstant(at.instant().truncatedTo(ChronoUnit.MILLIS));
                yield jdbc.queryForMap("""
                        select (select max(globalindex) from domainevententry where timestamp <= ?) as included,
                               (select max(globalindex) from domainevententry) as head,
                               (select position from read_model_history_start) as history_start""", stamp);
            }
        };
        long head = found.get("head") == null ? 0 : ((Number) found.get("head")).longValue();
        if (asOf instanceof AsOf.Position position && position.value() > head) {
            throw AsOf.invalid(raw, loc, "position " + position.value() + " is beyond the newest event (" + head + ")");
        }
        long included = found.get("included") == null ? 0 : ((Number) found.get("included")).longValue();
        long historyStart = ((Number) found.get("history_start")).longValue();
        if (included < historyStart) {
            throw AsOf.invalid(raw, loc, "the read models' history starts at position " + historyStart
                    + " (they were upgraded then); rebuild the read models to record all of it");
        }
        return included;
    }

    @Override
    public <T> T at(long position, Supplier<T> reads) {
        TransactionStatus transaction = begin(position);
        try {
            return reads.get();
        } finally {
            transactions.rollback(transaction);
        }
    }

    /** Opens the as-of transaction on this thread; the caller must {@link #end} it. */
    TransactionStatus begin(long position) {
        TransactionStatus transaction = transactions.getTransaction(READ_ONLY_OF_ITS_OWN);
        try {
            jdbc.queryForList("select set_config('search_path', 'macula_asof, public', true), "
                    + "set_config('macula.as_of', ?, true)", Long.toString(position));
        } catch (RuntimeException e) {
            transactions.rollback(transaction);
            throw e;
        }
        return transaction;
    }

    void end(TransactionStatus transaction) {
        if (!transaction.isCompleted()) {
            transactions.rollback(transaction);
        }
    }
}
