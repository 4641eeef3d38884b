package dev.macula.projection.search;

import java.util.Collection;
import java.util.Map;

/**
 * Builds whole search documents from the read models (docs/architecture.md, Search). Called inside one
 * read-only snapshot, so every document of a call shows the same committed state.
 */
public interface DocumentRenderer {

    /** The alias name of the index the documents belong to (without prefix). */
    String indexName();

    /** Documents by id; ids without a row in the read model are absent (their documents are deleted). */
    Map<Long, Map<String, Object>> render(Collection<Long> ids);
}
