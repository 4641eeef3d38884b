package dev.macula.query.analytics;

import java.util.List;

/**
 * Percentiles by linear interpolation between order statistics (rank p·(n−1), numpy's and pandas'
 * default), so analysts recomputing from an export get the same numbers.
 */
final class Percentiles {

    private Percentiles() {
    }

    /** @param sorted ascending values; @return the p-th quantile (0 ≤ p ≤ 1), null when there are none */
    static Double of(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.size() - 1);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }
}
