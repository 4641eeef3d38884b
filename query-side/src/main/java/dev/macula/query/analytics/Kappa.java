package dev.macula.query.analytics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chance-corrected agreement on categorical ratings: Cohen's kappa for two raters, Fleiss' kappa for
 * a fixed number of raters per item. Categories are any strings; {@code null} answers mean undefined
 * (chance agreement of 1, e.g. everybody always answered the same single category, or no items).
 */
final class Kappa {

    private static final double EPSILON = 1e-12;

    private Kappa() {
    }

    /**
     * Cohen's kappa over items both raters rated: {@code (p_o - p_e) / (1 - p_e)} with p_o the share
     * of items they agree on and p_e = Σ_k (share of a's answers in k)(share of b's answers in k).
     *
     * @param pairs one {@code [a's answer, b's answer]} per item
     */
    static Double cohen(List<String[]> pairs) {
        int n = pairs.size();
        if (n == 0) {
            return null;
        }
        Map<String, Integer> byA = new HashMap<>();
        Map<String, Integer> byB = new HashMap<>();
        int agreeing = 0;
        for (String[] pair : pairs) {
            byA.merge(pair[0], 1, Integer::sum);
            byB.merge(pair[1], 1, Integer::sum);
            if (pair[0].equals(pair[1])) {
                agreeing++;
            }
        }
        double observed = (double) agreeing / n;
        double chance = 0;
        for (Map.Entry<String, Integer> category : byA.entrySet()) {
            chance += ((double) category.getValue() / n) * ((double) byB.getOrDefault(category.getKey(), 0) / n);
        }
        return ratio(observed, chance);
    }

    /**
     * Fleiss' kappa (Fleiss 1971): every item has the same number n ≥ 2 of ratings. With n_ij the
     * raters putting item i in category j, N items: P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ the mean
     * of P_i, p_j = Σ_i n_ij / (N n), P̄_e = Σ_j p_j², kappa = (P̄ − P̄_e) / (1 − P̄_e).
     *
     * @param items per item, the answers of its raters (all lists of the same size)
     */
    static Double fleiss(List<List<String>> items) {
        if (items.isEmpty()) {
            return null;
        }
        int raters = items.get(0).size();
        if (raters < 2 || items.stream().anyMatch(item -> item.size() != raters)) {
            throw new IllegalArgumentException("Fleiss' kappa needs the same number (≥ 2) of ratings per item");
        }
        Map<String, Integer> totals = new HashMap<>();
        double sumAgreement = 0;
        for (List<String> item : items) {
            Map<String, Integer> counts = new HashMap<>();
            item.forEach(answer -> counts.merge(answer, 1, Integer::sum));
            long squares = 0;
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                squares += (long) count.getValue() * count.getValue();
                totals.merge(count.getKey(), count.getValue(), Integer::sum);
            }
            sumAgreement += (double) (squares - raters) / ((long) raters * (raters - 1));
        }
        double observed = sumAgreement / items.size();
        double chance = 0;
        double ratings = (double) items.size() * raters;
        for (int total : totals.values()) {
            chance += (total / ratings) * (total / ratings);
        }
        return ratio(observed, chance);
    }

    /** Fleiss' counts table (items × categories) as answer lists, for tests and literature examples. */
    static List<List<String>> fromCounts(int[][] counts) {
        return java.util.Arrays.stream(counts).map(row -> {
            java.util.ArrayList<String> answers = new java.util.ArrayList<>();
            for (int category = 0; category < row.length; category++) {
                for (int i = 0; i < row[category]; i++) {
                    answers.add(Integer.toString(category));
                }
            }
            return (List<String>) answers;
        }).toList();
    }

    private static Double ratio(double observed, double chance) {
        if (Math.abs(1 - chance) < EPSILON) {
            return null;
        }
        return (observed - chance) / (1 - chance);
    }
}
