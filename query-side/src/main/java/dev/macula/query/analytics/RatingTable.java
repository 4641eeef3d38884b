package dev.macula.query.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Categorical ratings of items (images) by graders, and the kappa they give. Items rated by fewer
 * than two graders are not items. When exactly two graders rated the items: Cohen's kappa. Otherwise
 * Fleiss' kappa, which needs the same number of ratings per item: the items with the most common
 * rating count (ties: the larger count) are used and the others are reported as excluded.
 */
final class RatingTable {

    /** The answer: {@code method} cohen or fleiss, {@code kappa} null when undefined. */
    record Result(String method, Double kappa, int items, List<Long> graders, int itemsExcluded) {
    }

    /** item → grader → answer */
    private final SortedMap<Long, SortedMap<Long, String>> ratings = new TreeMap<>();

    void rate(long item, long grader, String answer) {
        ratings.computeIfAbsent(item, id -> new TreeMap<>()).put(grader, answer);
    }

    /** @return null when no item was rated by two or more graders */
    Result result() {
        List<SortedMap<Long, String>> items = ratings.values().stream().filter(item -> item.size() >= 2).toList();
        if (items.isEmpty()) {
            return null;
        }
        Map<Integer, Long> itemsPerCount = new TreeMap<>();
        items.forEach(item -> itemsPerCount.merge(item.size(), 1L, Long::sum));
        int raters = itemsPerCount.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue).thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
        List<SortedMap<Long, String>> used = items.stream().filter(item -> item.size() == raters).toList();
        TreeSet<Long> graders = new TreeSet<>();
        used.forEach(item -> graders.addAll(item.keySet()));
        int excluded = items.size() - used.size();
        if (graders.size() == 2) {
            List<String[]> pairs = used.stream().map(item -> new String[]{item.get(graders.first()), item.get(graders.last())})
                    .toList();
            return new Result("cohen", Kappa.cohen(pairs), used.size(), List.copyOf(graders), excluded);
        }
        List<List<String>> answers = used.stream().map(item -> (List<String>) new ArrayList<>(item.values())).toList();
        return new Result("fleiss", Kappa.fleiss(answers), used.size(), List.copyOf(graders), excluded);
    }
}
