package dev.macula.command.timetravel;

import java.util.Map;

/**
 * Brings one object back to the state it had at a global event position, with the ordinary commands
 * a user would send (so a restore is itself history, and revertable). Used by the per-object revert
 * endpoints and by the rollback of one grader's work. Implementations learn the past state through
 * {@link dev.macula.api.history.TimeTravel} (the live read code, as of the position).
 */
public interface ObjectRestorer {

    /** The history entity type it restores, as {@code GET /api/history/{type}/{id}} names it. */
    String entityType();

    /**
     * @param metadata added to every command it sends (and so to their events): {@code reverted_to}
     *                 or {@code rollback}
     * @param dryRun   compare only; send nothing
     * @throws dev.macula.api.common.ApiException 409 when the object did not exist at that position
     */
    Outcome restore(long id, long position, Map<String, Object> metadata, boolean dryRun);

    /**
     * Like {@link #restore}, except that an object that did not exist yet at the position is removed
     * (deleted or deactivated, as a user would remove it) instead of refused: a rollback undoes what a
     * grader created in the window too. Types that cannot be removed keep the 409.
     */
    default Outcome restoreOrRemove(long id, long position, Map<String, Object> metadata, boolean dryRun) {
        return restore(id, position, metadata, dryRun);
    }

    enum Outcome { UNCHANGED, RESTORED, WOULD_RESTORE }
}
