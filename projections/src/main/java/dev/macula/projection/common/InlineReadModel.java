package dev.macula.projection.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a projection (a class with {@code @ProcessingGroup}) as an inline PostgreSQL read model, the
 * only place one is declared. Infra reads it to run the group in a subscribing processor inside the
 * command's transaction, to propagate the group's errors (a broken unique key rolls the command back
 * instead of being logged) and to include its tables in the read-model rebuild. A projection without
 * it must be a pooled group configured in {@code application.yml} (ProcessingGroupsTest checks both).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InlineReadModel {

    /**
     * The tables this projection writes, children before parents; the rebuild empties them. The
     * order between projections comes from the database's foreign keys, not from here.
     */
    String[] tables();
}
