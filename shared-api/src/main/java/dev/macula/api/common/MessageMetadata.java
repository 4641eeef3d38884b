package dev.macula.api.common;

/** Keys of the metadata every command carries and every event inherits (docs/architecture.md, Messages and identity). */
public final class MessageMetadata {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String REQUEST_ID = "requestId";
    /** On the commands and events of a revert: the event position the object was brought back to. */
    public static final String REVERTED_TO = "reverted_to";
    /** On a segmentation revert to a data version ({@code {"version": n}}): that version. */
    public static final String REVERTED_TO_VERSION = "reverted_to_version";
    /** On the commands and events of a rollback of one grader's work: the rollback's task id. */
    public static final String ROLLBACK = "rollback";
    /**
     * On the commands and events of a migration from Eyened: where the fact came from,
     * {@code "<source database>/<table>/<row key>"}.
     */
    public static final String MIGRATED_FROM = "migratedFrom";

    private MessageMetadata() {
    }
}
