package dev.macula.query.history;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every event type of the platform by the name entries show ({@code type}, e.g. {@code TagCreated}),
 * with the {@code payloadtype} the event store keeps for it — so a filter on names becomes a condition
 * on that column. Events are the {@code @Revision} records of {@code dev.macula.api} (an architecture
 * rule). There are no upcasters: a stored type is the class's own name.
 */
@Component
class EventTypeCatalog {

    private final Map<String, Set<String>> storedByName = new TreeMap<>();

    EventTypeCatalog(@Qualifier("eventSerializer") Serializer serializer) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        for (var candidate : scanner.findCandidateComponents("dev.macula.api")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            storedByName.computeIfAbsent(HistoryEntries.typeName(type), name -> new TreeSet<>())
                    .add(serializer.typeForClass(type).getName());
        }
    }

    /** The stored payload types of an event type name; null for a name no event has. */
    Set<String> stored(String name) {
        return storedByName.get(name);
    }

    Set<String> names() {
        return storedByName.keySet();
    }
}
