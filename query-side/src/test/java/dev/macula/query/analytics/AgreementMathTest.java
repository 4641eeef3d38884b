package dev.macula.query.analytics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The agreement and timing math against values worked out by hand or taken from the literature. */
class AgreementMathTest {

    /**
     * Ten items, two raters, yes/no:
     * <pre>
     *            b: yes  b: no
     *   a: yes     4      1     (a: 5 yes)
     *   a: no      2      3     (a: 5 no)
     *   b totals:  6      4
     * </pre>
     * p_o = (4 + 3) / 10 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
     */
    @Test
    void cohensKappaOfATwoByTwoTable() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, "yes", "yes", 4);
        add(pairs, "yes", "no", 1);
        add(pairs, "no", "yes", 2);
        add(pairs, "no", "no", 3);

        assertThat(Kappa.cohen(pairs)).isCloseTo(0.4, within(1e-12));
    }

    /** Perfect agreement on two categories is 1; agreement no better than chance is 0. */
    @Test
    void cohensKappaAtItsBounds() {
        List<String[]> perfect = new ArrayList<>();
        add(perfect, "a", "a", 3);
        add(perfect, "b", "b", 2);
        assertThat(Kappa.cohen(perfect)).isCloseTo(1.0, within(1e-12));

        // p_o = 0.5, marginals 0.5/0.5 for both: p_e = 0.5 → 0
        List<String[]> chance = new ArrayList<>();
        add(chance, "a", "a", 1);
        add(chance, "a", "b", 1);
        add(chance, "b", "a", 1);
        add(chance, "b", "b", 1);
        assertThat(Kappa.cohen(chance)).isCloseTo(0.0, within(1e-12));
    }

    /** Both raters always answer the same single category: p_e = 1, kappa undefined. */
    @Test
    void cohensKappaIsUndefinedWhenChanceAgreementIsCertain() {
        List<String[]> pairs = new ArrayList<>();
        add(pairs, "none", "none", 5);

        assertThat(Kappa.cohen(pairs)).isNull();
        assertThat(Kappa.cohen(List.of())).isNull();
    }

    /**
     * The worked example of Wikipedia's "Fleiss' kappa" article: 14 raters put 10 items into 5
     * categories. P̄ = 0.378, P̄_e = 0.213, kappa = 0.210 (0.20993 unrounded).
     */
    @Test
    void fleissKappaOfTheClassicExample() {
        int[][] counts = {
                {0, 0, 0, 0, 14},
                {0, 2, 6, 4, 2},
                {0, 0, 3, 5, 6},
                {0, 3, 9, 2, 0},
                {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0},
                {3, 2, 6, 3, 0},
                {2, 5, 3, 2, 2},
                {6, 5, 2, 1, 0},
                {0, 2, 2, 3, 7}};

        assertThat(Kappa.fleiss(Kappa.fromCounts(counts))).isCloseTo(0.20993, within(1e-5));
    }

    /** With two raters per item Fleiss' kappa is Scott's pi: here 3 items, agreeing on 2. */
    @Test
    void fleissKappaWithTwoRatersByHand() {
        // items: (x,x), (y,y), (x,y): P_i = 1, 1, 0 → P̄ = 2/3; p_x = p_y = 1/2 → P̄_e = 1/2; kappa = (2/3 − 1/2)/(1/2) = 1/3
        List<List<String>> items = List.of(List.of("x", "x"), List.of("y", "y"), List.of("x", "y"));

        assertThat(Kappa.fleiss(items)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void fleissKappaNeedsEqualRatingsPerItem() {
        assertThatThrownBy(() -> Kappa.fleiss(List.of(List.of("x", "x"), List.of("x", "y", "y"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Kappa.fleiss(List.of(List.of("x", "x", "x")))).isNull();
    }

    /** 2×2 masks: a = {0, 1}, b = {1, 2}: |A∩B| = 1, Dice = 2·1/(2+2) = 0.5, IoU = 1/3. */
    @Test
    void diceAndIouOfTwoSmallMasks() {
        MaskOverlap.Overlap overlap = MaskOverlap.of(new byte[]{1, 1, 0, 0}, new byte[]{0, 1, 1, 0}, 1);

        assertThat(overlap.dice()).isCloseTo(0.5, within(1e-12));
        assertThat(overlap.iou()).isCloseTo(1.0 / 3, within(1e-12));
    }

    /** Two-byte voxels: a voxel is foreground when either byte is nonzero; both empty agree fully. */
    @Test
    void multiByteVoxelsAndEmptyMasks() {
        MaskOverlap.Overlap overlap = MaskOverlap.of(new byte[]{0, 1, 0, 0}, new byte[]{0, 2, 3, 0}, 2);
        assertThat(overlap.dice()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(overlap.iou()).isCloseTo(0.5, within(1e-12));

        MaskOverlap.Overlap empty = MaskOverlap.of(new byte[4], new byte[4], 1);
        assertThat(empty.dice()).isEqualTo(1.0);
        assertThat(empty.iou()).isEqualTo(1.0);
    }

    /** numpy.percentile(range(1, 11), [50, 90]) = 5.5, 9.1; a single value is every percentile. */
    @Test
    void percentilesInterpolateLikeNumpy() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

        assertThat(Percentiles.of(values, 0.5)).isCloseTo(5.5, within(1e-12));
        assertThat(Percentiles.of(values, 0.9)).isCloseTo(9.1, within(1e-12));
        assertThat(Percentiles.of(List.of(42.0), 0.9)).isEqualTo(42.0);
        assertThat(Percentiles.of(List.of(), 0.5)).isNull();
    }

    private static void add(List<String[]> pairs, String a, String b, int times) {
        for (int i = 0; i < times; i++) {
            pairs.add(new String[]{a, b});
        }
    }
}
