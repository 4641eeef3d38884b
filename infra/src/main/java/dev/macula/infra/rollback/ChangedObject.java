package dev.macula.infra.rollback;

import dev.macula.command.tagging.TagLinkRestorer;

import java.util.Set;

/**
 * One object the actor changed in the window: an aggregate ({@code segmentation} 5) or one tag link
 * ({@code tag-link} "12:ImageInstance:345", whose events live in the tagged object's aggregate).
 *
 * @param aggregateIdentifier the aggregate whose events hold the object's history
 * @param link                the tag link, or null for an aggregate
 * @param firstPosition       the position of the actor's first change in the window
 * @param positions           the positions of all the actor's changes to it in the window
 */
record ChangedObject(String entityType, String entityId, String aggregateIdentifier, TagLinkRestorer.Link link,
                     long firstPosition, Set<Long> positions) {

    boolean isTagLink() {
        return link != null;
    }
}
