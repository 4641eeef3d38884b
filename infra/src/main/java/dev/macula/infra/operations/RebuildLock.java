package dev.macula.infra.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One rebuild of a projection at a time across every node sharing the database: a PostgreSQL
 * session advisory lock, held on a connection of its own for as long as the rebuild runs. A node
 * that dies loses its connection and with it the lock, so nothing has to expire. Without it two
 * nodes that both notice a divergent index would each create a version and delete the other's as
 * an orphan.
 */
final class RebuildLock implements AutoCloseable {

    /** The advisory-lock class of Macula's rebuild locks ("MR"); the object is the hash of the projection name. */
    private static final int LOCK_CLASS = 0x4d52;
    private static final Logger log = LoggerFactory.getLogger(RebuildLock.class);

    private final Connection connection;
    private final String name;

    private RebuildLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock for projection {@code name}, or null when another session (another node) holds it. */
    static RebuildLock tryAcquire(DataSource dataSource, String name) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setString(2, name);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new RebuildLock(connection, name);
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Could not take the rebuild lock of " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setString(2, name);
            unlock.execute();
            closeQuietly(connection);
        } catch (SQLException e) {
            // The session may still hold the lock: returned to the pool it would block every later
            // rebuild of this projection, so the connection is thrown away (its session ends, the lock with it).
            log.debug("Rebuild lock of {} not released explicitly; discarding its connection: {}", name, e.getMessage());
            abort(connection);
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: PostgreSQL released the session's locks with it
            }
        }
    }
}
