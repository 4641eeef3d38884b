package dev.macula.infra.axon;

import dev.macula.projection.common.InlineReadModel;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The inline read models: the projection beans annotated {@link InlineReadModel}, by processing
 * group (sorted by name). Found in the bean definitions, so declaring a read model on its projection
 * is all it takes; {@link AxonSetup} makes them inline and the read-model rebuild empties their tables.
 */
public final class InlineReadModels {

    private final SortedMap<String, List<String>> tablesByGroup;

    private InlineReadModels(SortedMap<String, List<String>> tablesByGroup) {
        this.tablesByGroup = Collections.unmodifiableSortedMap(tablesByGroup);
    }

    /** Reads the bean types without creating a bean (nor a factory bean): this runs while Axon is configured. */
    static InlineReadModels of(ListableBeanFactory beans) {
        SortedMap<String, List<String>> tablesByGroup = new TreeMap<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null || !ClassUtils.getUserClass(type).isAnnotationPresent(InlineReadModel.class)) {
                continue;
            }
            Class<?> projection = ClassUtils.getUserClass(type);
            ProcessingGroup group = projection.getAnnotation(ProcessingGroup.class);
            if (group == null) {
                throw new IllegalStateException(projection.getName() + " is an @InlineReadModel without a @ProcessingGroup");
            }
            tablesByGroup.put(group.value(), List.of(projection.getAnnotation(InlineReadModel.class).tables()));
        }
        return new InlineReadModels(tablesByGroup);
    }

    /** The processing groups, sorted by name. */
    public Set<String> groups() {
        return tablesByGroup.keySet();
    }

    public boolean contains(String group) {
        return tablesByGroup.containsKey(group);
    }

    /** Each group's tables as its projection declares them (children before parents). */
    public SortedMap<String, List<String>> tablesByGroup() {
        return tablesByGroup;
    }
}
