package dev.macula.infra.web;

import java.sql.SQLException;

/**
 * Recognises "PostgreSQL is unreachable or the connection was lost" anywhere in a cause chain:
 * nothing was committed, so the answer is 503 (retry later), never 500.
 */
public final class DatabaseFailures {

    public static final String DETAIL = "The database is unavailable; try again in a moment";

    private DatabaseFailures() {
    }

    public static boolean unavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
