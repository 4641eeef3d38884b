package dev.macula.projection.search;

import dev.macula.api.common.NameKey;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers shared by the document renderers: keys, dates and per-document row lists. */
final class SearchRows {

    private SearchRows() {
    }

    /** Text is indexed as its name key, so comparisons ignore case and accents like MySQL's collation. */
    static String key(String text) {
        return text == null ? null : NameKey.of(text);
    }

    static String date(Date date) {
        return date == null ? null : date.toLocalDate().toString();
    }

    static String dateTime(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toString();
    }

    /** A map without null values: absent fields are what {@code exists} queries test. */
    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                row.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return row;
    }

    /** Nested rows and references collected per document while reading joined result sets. */
    static final class Collector {
        private final Map<Long, List<Map<String, Object>>> rows = new HashMap<>();
        private final Map<Long, Set<String>> refs = new HashMap<>();

        void add(long documentId, Map<String, Object> row) {
            rows.computeIfAbsent(documentId, k -> new ArrayList<>()).add(row);
        }

        void ref(long documentId, String ref) {
            refs.computeIfAbsent(documentId, k -> new LinkedHashSet<>()).add(ref);
        }

        List<Map<String, Object>> rows(long documentId) {
            return rows.getOrDefault(documentId, List.of());
        }

        Set<String> refs(long documentId) {
            return refs.getOrDefault(documentId, Set.of());
        }
    }
}
