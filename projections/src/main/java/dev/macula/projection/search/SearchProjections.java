package dev.macula.projection.search;

import dev.macula.api.search.SearchFields;
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

    /** One rebuildable search projection. */
    public record Definition(String group, String indexName) {
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition(InstanceSearchProjection.GROUP, SearchFields.INSTANCES_INDEX),
            new Definition(StudySearchProjection.GROUP, SearchFields.STUDIES_INDEX));

    private final SearchDocumentWriter writer;
    private final SearchIndexes indexes;
    private final InstanceDocuments instances;
    private final StudyDocuments studies;
    private final AffectedDocuments affected;

    SearchProjections(SearchDocumentWriter writer, SearchIndexes indexes, InstanceDocuments instances,
                      StudyDocuments studies, AffectedDocuments affected) {
        this.writer = writer;
        this.indexes = indexes;
        this.instances = instances;
        this.studies = studies;
        this.affected = affected;
    }

    public List<Definition> definitions() {
        return DEFINITIONS;
    }

    public Optional<Definition> find(String group) {
        return DEFINITIONS.stream().filter(d -> d.group().equals(group)).findFirst();
    }

    /** An event handler object equal to the live one but writing to {@code targetIndex}. */
    public Object handlerWritingTo(Definition definition, String targetIndex) {
        return switch (definition.group()) {
            case InstanceSearchProjection.GROUP ->
                    new InstanceSearchProjection(writer, instances, affected, targetIndex);
            case StudySearchProjection.GROUP -> new StudySearchProjection(writer, studies, affected, targetIndex);
            default -> throw new IllegalArgumentException("not a search projection: " + definition.group());
        };
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
        indexes.swap(definition.indexName(), from, to);
    }

    public void deleteIndex(String index) throws IOException {
        indexes.delete(index);
    }

    /** Versions of the index not behind the alias (left by an interrupted rebuild). */
    public List<String> orphanVersions(Definition definition) throws IOException {
        return indexes.versions(definition.indexName()).stream()
                .filter(index -> !index.equals(current(definition))).toList();
    }

    private String current(Definition definition) {
        try {
            return indexes.current(definition.indexName());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Renders the dead-lettered documents of the index again and writes them; returns how many were tried. */
    public int retryDeadLetters(Definition definition) throws IOException {
        List<Long> ids = writer.deadLetters(definition.indexName());
        DocumentRenderer renderer = InstanceSearchProjection.GROUP.equals(definition.group()) ? instances : studies;
        writer.write(writer.ensureAlias(definition.indexName()), renderer, ids);
        return ids.size();
    }

    /** Documents per index version, for the status. */
    public Map<String, Long> documentCounts(Definition definition) throws IOException {
        return indexes.documentCounts(definition.indexName());
    }
}
