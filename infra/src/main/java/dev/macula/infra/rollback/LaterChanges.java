package dev.macula.infra.rollback;

import dev.macula.api.history.HistoryEntry;
import dev.macula.api.history.HistoryMessages.FindHistoryQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Who else changed an object after the actor first changed it in the window: every event of the
 * object with a later position that is not one of the actor's own changes in the window. That covers
 * other users, the system, and the actor's own changes after {@code until} (restoring would undo
 * those too). For an aggregate every event of it counts (restoring it also restores its tags); for a
 * tag link only the events of that link.
 */
@Component
class LaterChanges {

    private final QueryGateway queries;

    LaterChanges(QueryGateway queries) {
        this.queries = queries;
    }

    /** Distinct, in the order of their first such change; empty when nobody else touched it. */
    List<HistoryEntry.Actor> of(ChangedObject object) {
        List<HistoryEntry> history = queries.query(new FindHistoryQuery(object.aggregateIdentifier()),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class)).join();
        return history.stream()
                .filter(entry -> entry.position() > object.firstPosition() && !object.positions().contains(entry.position()))
                .filter(entry -> !object.isTagLink() || (ChangedObjects.TAG_LINK_EVENTS.contains(entry.type())
                        && ChangedObjects.link(entry.payload()).equals(object.link())))
                .map(HistoryEntry::actor)
                .distinct()
                .toList();
    }
}
