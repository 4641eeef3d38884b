package dev.macula.command.timetravel;

import dev.macula.api.common.ApiException;

import java.util.List;
import java.util.Map;

/**
 * The shape every restorer shares: read the object's state with the live read code twice — as of the
 * position and now — and send the ordinary commands that turn now into then.
 *
 * @param <S> the state a restorer compares; null stands for "no such object"
 */
public abstract class StateRestorer<S> implements ObjectRestorer {

    protected final RestoreSupport support;

    protected StateRestorer(RestoreSupport support) {
        this.support = support;
    }

    /** The object's state as the read models show it (as of the position when run inside {@code then}), or null. */
    protected abstract S read(long id);

    /** The commands that bring the object from {@code now} (null: gone) back to {@code past}; empty when equal. */
    protected abstract List<Object> commands(long id, S past, S now);

    /** The live GET's 404 detail ("Segmentation not found"). */
    protected abstract String notFound();

    /** How a 409 names the object's kind ("Segmentation"). */
    protected abstract String kind();

    /** After the commands committed (e.g. files that follow the committed state). */
    protected void restored(long id, S past, S before) {
    }

    /**
     * The commands that remove the object as a user would (delete, deactivate); empty when it is
     * removed already; null when this type cannot be removed (the default).
     */
    protected List<Object> removal(long id, S now) {
        return null;
    }

    @Override
    public Outcome restore(long id, long position, Map<String, Object> metadata, boolean dryRun) {
        return restore(id, position, metadata, dryRun, false);
    }

    @Override
    public Outcome restoreOrRemove(long id, long position, Map<String, Object> metadata, boolean dryRun) {
        return restore(id, position, metadata, dryRun, true);
    }

    private Outcome restore(long id, long position, Map<String, Object> metadata, boolean dryRun, boolean remove) {
        S past = support.then(position, () -> read(id));
        S now = read(id);
        if (past == null && now == null) {
            if (remove) {
                return Outcome.UNCHANGED; // gone then and gone now (removed since, by someone)
            }
            throw ApiException.notFound(notFound());
        }
        List<Object> toSend = past != null ? commands(id, past, now) : remove ? removal(id, now) : null;
        if (toSend == null) {
            throw ApiException.conflict(kind() + " " + id + " did not exist yet at position " + position
                    + "; there is no state to go back to");
        }
        if (toSend.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        if (dryRun) {
            return Outcome.WOULD_RESTORE;
        }
        support.sendAll(toSend, metadata, notFound());
        if (past != null) {
            restored(id, past, now);
        }
        return Outcome.RESTORED;
    }
}
