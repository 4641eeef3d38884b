package dev.macula.infra.rollback;

import dev.macula.command.timetravel.ObjectRestorer;

import java.util.Locale;

/** The outcome names a rollback reports per object. */
final class Outcomes {

    static final String RESTORED = "restored";
    static final String WOULD_RESTORE = "would_restore";
    static final String CONFLICT = "conflict";
    static final String NOT_SUPPORTED = "not_supported";
    static final String FAILED = "failed";

    private Outcomes() {
    }

    /** UNCHANGED → unchanged, RESTORED → restored, WOULD_RESTORE → would_restore. */
    static String of(ObjectRestorer.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
