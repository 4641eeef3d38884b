package dev.macula.api.common;

/** Keys of the metadata every command carries and every event inherits (docs/architecture.md, Messages and identity). */
public final class MessageMetadata {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String REQUEST_ID = "requestId";
    /** The task id of the rollback (POST /api/admin/rollbacks) whose commands caused the event. */
    public static final String ROLLBACK = "rollback";

    private MessageMetadata() {
    }
}
