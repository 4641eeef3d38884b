package dev.macula.tools.migrate;

/** The source or the target database went away: the migration stops here, and a rerun resumes. */
final class MigrationStopped extends RuntimeException {

    MigrationStopped(String message, Throwable cause) {
        super(message, cause);
    }
}
