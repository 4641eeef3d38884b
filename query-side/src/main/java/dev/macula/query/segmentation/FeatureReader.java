package dev.macula.query.segmentation;

import dev.macula.api.segmentation.SubFeatureItem;
import dev.macula.api.segmentation.FeatureView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FeatureGET (docs/api.md §3.0.7) with the intended {@code subfeature_ids}, and docs/api.md §8.4 counts. Segmentation
 * and model segmentation views embed their feature, so their readers share this.
 */
@Component
public class FeatureReader {

    private final JdbcTemplate jdbc;

    FeatureReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One feature by id, or all in name order; segmentation views embed one. */
    public List<FeatureView> features(Long id, boolean withCounts) {
        Map<Long, List<Object[]>> children = new HashMap<>();
        jdbc.query("""
                select c.parent_id, c.feature_index, c.child_id, f.name from composite_feature c
                join feature f on f.id = c.child_id""" + (id == null ? "" : " where c.parent_id = " + id.longValue())
                + " order by c.parent_id, c.feature_index", rs -> {
            children.computeIfAbsent(rs.getLong("parent_id"), k -> new ArrayList<>())
                    .add(new Object[]{rs.getInt("feature_index"), rs.getLong("child_id"), rs.getString("name")});
        });
        String counts = withCounts ? ", (select count(*) from segmentation s where s.feature_id = f.id) as n" : "";
        String where = id == null ? " order by f.name_key, f.name, f.id" : " where f.id = " + id.longValue();
        return jdbc.query("select f.id, f.name, f.date_inserted" + counts + " from feature f" + where, (rs, row) -> {
            List<Object[]> kids = children.getOrDefault(rs.getLong("id"), List.of());
            return new FeatureView(rs.getString("name"), rs.getLong("id"),
                    kids.stream().map(k -> new SubFeatureItem((Integer) k[0], (String) k[2])).toList(),
                    kids.stream().map(k -> (Long) k[1]).toList(), rs.getTimestamp("date_inserted").toLocalDateTime(),
                    withCounts ? Integer.valueOf(rs.getInt("n")) : null);
        });
    }
}
