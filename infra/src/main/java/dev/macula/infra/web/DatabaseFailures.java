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
                    || cause instanceof SQLException sql && connectionLost(sql)) {
                return true;
            }
            // a failed rollback on a dead connection hides the failure that caused it
            if (cause instanceof org.springframework.transaction.TransactionSystemException system
                    && system.getOriginalException() != null && unavailable(system.getOriginalException())) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** 08xxx: connection exceptions; 57P01–57P03: the server shut down or is starting (a restart). */
    private static boolean connectionLost(SQLException sql) {
        String state = sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"))
                || "Connection is closed".equals(sql.getMessage());
    }
}
