package dev.macula.projection.identity;

/**
 * A user's row in {@code app_user} changed in a transaction that has just committed. Published in this
 * JVM only, so whoever keeps users in memory here forgets the old row before the command's answer
 * leaves; other nodes hear of the change through PostgreSQL (V24 migration's NOTIFY).
 */
public record UserRowChanged(long userId) {
}
