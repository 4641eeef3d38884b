package dev.macula.infra.operations;

import dev.macula.infra.operations.RebuildOrder.ForeignKey;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildOrderTest {

    /** Three read models as the projections declare them, listed in an order the keys contradict. */
    private static Map<String, List<String>> readModels() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("features", List.of("composite_feature", "feature"));
        tables.put("imaging", List.of("image_instance", "series"));
        tables.put("segmentations", List.of("segmentation_version", "segmentation"));
        return tables;
    }

    private static final List<ForeignKey> KEYS = List.of(
            new ForeignKey("segmentation", "image_instance"), new ForeignKey("segmentation", "feature"),
            new ForeignKey("segmentation_version", "segmentation"), new ForeignKey("image_instance", "series"),
            new ForeignKey("composite_feature", "feature"), new ForeignKey("feature", "feature"),
            new ForeignKey("search_dead_letter", "image_instance"));

    @Test
    void replaysReferencedGroupsFirstAndOtherwiseKeepsTheGivenOrder() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("segmentations", readModels().get("segmentations"));
        tables.put("imaging", readModels().get("imaging"));
        tables.put("features", readModels().get("features"));

        assertThat(RebuildOrder.of(tables, KEYS).groups()).containsExactly("imaging", "features", "segmentations");
    }

    @Test
    void emptiesChildTablesBeforeTheTablesTheyReference() {
        assertThat(RebuildOrder.of(readModels(), KEYS).tables()).containsExactly(
                "segmentation_version", "segmentation", "image_instance", "series", "composite_feature", "feature");
    }

    @Test
    void aTableDeclaredBeforeItsChildIsStillEmptiedAfterIt() {
        Map<String, List<String>> tables = Map.of("imaging", List.of("series", "image_instance"));

        assertThat(RebuildOrder.of(tables, KEYS).tables()).containsExactly("image_instance", "series");
    }

    @Test
    void keysBetweenGroupsInBothDirectionsAreRefused() {
        List<ForeignKey> cycle = List.of(new ForeignKey("feature", "series"), new ForeignKey("image_instance", "feature"));

        assertThatThrownBy(() -> RebuildOrder.of(readModels(), cycle))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
    }
}
