package dev.macula.api.history;

import java.util.List;
import java.util.function.Supplier;

/**
 * The read models as they were (docs/architecture.md "Time travel"). Reads run inside {@link #at}
 * see every inline read-model table as of a global event position; the code that reads is the live
 * code, unchanged. Implemented on the query side; the revert and rollback commands use it to learn
 * the state they restore.
 */
public interface TimeTravel {

    /**
     * The position an {@code as_of} value stands for: a position itself (must not be beyond the
     * newest event) or the newest event stamped at or before an instant (not in the future).
     *
     * @param loc where the value came from, for the 422 body
     */
    long resolve(AsOf asOf, Object raw, List<Object> loc);

    /** Runs {@code reads} against the read models as of {@code position}, in a read-only transaction. */
    <T> T at(long position, Supplier<T> reads);
}
