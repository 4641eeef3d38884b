package dev.macula.command.common;

import org.axonframework.eventsourcing.AggregateDeletedException;

/**
 * Deleted aggregates that a revert may bring back keep a {@code deleted} flag instead of Axon's
 * {@code markDeleted()} (after which the stream could never take a command again). Their command
 * handlers refuse with Axon's own "deleted" exception, which {@link CommandDispatcher} turns into the
 * usual 404, exactly as before.
 */
public final class Deletion {

    private Deletion() {
    }

    public static void refuseIfDeleted(boolean deleted, Object aggregateId) {
        if (deleted) {
            throw new AggregateDeletedException(String.valueOf(aggregateId), "The aggregate " + aggregateId
                    + " was deleted");
        }
    }
}
