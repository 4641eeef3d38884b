package dev.macula.infra.operations;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of a read-model rebuild, taken from the database's foreign keys so that no list has to
 * be kept in step with the schema: groups replay parents first (a group whose tables another
 * group's tables reference comes before it) and tables are emptied children first. Ties keep the
 * order given, so the result is the same on every run.
 *
 * @param groups the processing groups in replay order
 * @param tables the tables in delete order
 */
record RebuildOrder(List<String> groups, List<String> tables) {

    /** A foreign key: {@code child} has a column that references {@code parent}. */
    record ForeignKey(String child, String parent) {
    }

    /** The foreign keys between the tables of the current schema. */
    static List<ForeignKey> foreignKeys(JdbcTemplate jdbc) {
        return jdbc.query("""
                select child.relname, parent.relname from pg_constraint c
                  join pg_class child on child.oid = c.conrelid
                  join pg_class parent on parent.oid = c.confrelid
                 where c.contype = 'f' and c.connamespace = current_schema()::regnamespace""",
                (row, n) -> new ForeignKey(row.getString(1), row.getString(2)));
    }

    /** Orders {@code tablesByGroup} (each group's tables children first) by {@code keys}. */
    static RebuildOrder of(Map<String, List<String>> tablesByGroup, List<ForeignKey> keys) {
        Map<String, String> groupOfTable = new HashMap<>();
        tablesByGroup.forEach((group, tables) -> tables.forEach(table -> groupOfTable.put(table, group)));
        Map<String, Set<String>> parentGroups = new HashMap<>();
        Map<String, Set<String>> parentTables = new HashMap<>();
        for (ForeignKey key : keys) {
            String child = groupOfTable.get(key.child());
            String parent = groupOfTable.get(key.parent());
            if (child == null || parent == null || key.child().equals(key.parent())) {
                continue; // not a read-model table, or a row referring to another row of its own table
            }
            parentTables.computeIfAbsent(key.child(), t -> new HashSet<>()).add(key.parent());
            if (!child.equals(parent)) {
                parentGroups.computeIfAbsent(child, g -> new HashSet<>()).add(parent);
            }
        }
        List<String> groups = parentsFirst(List.copyOf(tablesByGroup.keySet()), parentGroups);
        List<String> declared = new ArrayList<>(); // each group's tables reversed: parents first
        groups.forEach(group -> declared.addAll(tablesByGroup.get(group).reversed()));
        List<String> tables = new ArrayList<>(parentsFirst(declared, parentTables));
        Collections.reverse(tables);
        return new RebuildOrder(groups, List.copyOf(tables));
    }

    /** A topological order of {@code nodes}: each after its parents, otherwise in the order given. */
    private static List<String> parentsFirst(List<String> nodes, Map<String, Set<String>> parents) {
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < nodes.size()) {
            String next = nodes.stream().filter(node -> !placed.contains(node))
                    .filter(node -> placed.containsAll(parents.getOrDefault(node, Set.of())))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "The read models' foreign keys form a cycle among " + nodes));
            placed.add(next);
        }
        return List.copyOf(placed);
    }
}
