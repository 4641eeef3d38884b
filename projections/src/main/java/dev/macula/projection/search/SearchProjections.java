package dev.macula.projection.search;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operations (status, blue/green rebuild) need to know about the search projections: their
 * processing groups, their indexes, and how to make a fresh handler instance that writes to a new
 * index version instead of the alias.
 */
@Component
public class SearchProjections {

    /** One rebuildable search projection: its processing group and the index it writes. */
    public record Definition(String group, String indexName) {
    }

    private final SearchDocumentWriter writer;
    private final SearchIndexes indexes;
    private final List<DocumentIndexProjection> live;
    private final IndexLineage lineage;

    SearchProjections(SearchDocumentWriter writer, SearchIndexes indexes, List<DocumentIndexProjection> live,
                      IndexLineage lineage) {
        this.writer = writer;
        this.indexes = indexes;
        this.live = live;
        this.lineage = lineage;
    }

    /** Whether the index behind the alias was filled from this event store, up to a point it has (null: no index yet). */
    public IndexLineage.Verdict lineage(Definition definition) throws IOException {
        return lineage.judge(indexes.alias(definition.indexName()));
    }

    public List<Definition> definitions() {
        return live.stream().map(p -> new Definition(p.group(), p.renderer().indexName())).toList();
    }

    public Optional<Definition> find(String group) {
        return definitions().stream().filter(d -> d.group().equals(group)).findFirst();
    }

    private DocumentIndexProjection liveProjection(Definition definition) {
        return live.stream().filter(p -> p.group().equals(definition.group())).findFirst().orElseThrow();
    }

    /** An event handler object equal to the live one but writing to {@code targetIndex}. */
    public DocumentIndexProjection handlerWritingTo(Definition definition, String targetIndex) {
        return liveProjection(definition).forRebuild(targetIndex);
    }

    /** Makes sure the alias exists (a rebuild swaps it); returns the index behind it. */
    public String currentIndex(Definition definition) throws IOException {
        writer.ensureAlias(definition.indexName());
        return indexes.current(definition.indexName());
    }

    public String createNextVersion(Definition definition) throws IOException {
        return writer.createNextVersion(definition.indexName());
    }

    public void swap(Definition definition, String from, String to) throws IOException {
        writer.makeSearchable(to);
        indexes.swap(definition.indexName(), from, to);
    }

    public void deleteIndex(String index) throws IOException {
        indexes.delete(index);
    }

    /** Versions of the index not behind the alias (left by an interrupted rebuild). */
    public List<String> orphanVersions(Definition definition) throws IOException {
        String current = indexes.current(definition.indexName());
        return indexes.versions(definition.indexName()).stream().filter(index -> !index.equals(current)).toList();
    }

    /** Renders the dead-lettered documents of the index again and writes them; returns how many were tried. */
    public int retryDeadLetters(Definition definition) throws IOException {
        List<Long> ids = writer.deadLetters(definition.indexName());
        writer.write(writer.ensureAlias(definition.indexName()), liveProjection(definition).renderer(), ids);
        return ids.size();
    }

    /** Rendering and bulk time spent writing to an index (alias or version) since start-up. */
    public Map<String, Object> writeStats(String target) {
        return writer.stats(target).summary();
    }

    /** Documents per index version, for the status. */
    public Map<String, Long> documentCounts(Definition definition) throws IOException {
        return indexes.documentCounts(definition.indexName());
    }
}
