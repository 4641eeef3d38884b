package dev.macula.infra.rollback;

import java.time.Instant;

/**
 * What {@code POST /api/admin/rollbacks} asked: undo what {@code actorId} changed from {@code since}
 * (inclusive) to {@code until} (exclusive; null: up to now). {@code dryRun} only reports;
 * {@code force} also restores objects that others changed afterwards.
 */
record RollbackRequest(long actorId, Instant since, Instant until, boolean dryRun, boolean force) {
}
