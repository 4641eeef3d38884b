package dev.macula.projection.tagging;

import dev.macula.api.tagging.TagEvents.TagCreatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagRestoredEvent;
import dev.macula.api.tagging.TagEvents.TagDescriptionChangedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagEvents.TagTypeChangedEvent;
import dev.macula.projection.search.DocumentIndexProjection;
import dev.macula.projection.search.SearchDocumentWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Elasticsearch tag index (type-ahead), fed asynchronously by a pooled streaming processor.
 * Each event re-renders its tag's whole document from the read model (a deleted tag's document is
 * deleted); the writer versions documents by event-store position, so replays and retries converge.
 * Only a tag's own events touch its document, and they all go to one segment, so the four segments
 * never race on a document.
 */
@Component
@ProcessingGroup(TagSearchProjection.GROUP)
class TagSearchProjection extends DocumentIndexProjection {

    static final String GROUP = "tag-search";
    private static final Logger log = LoggerFactory.getLogger(TagSearchProjection.class);

    @Autowired
    TagSearchProjection(SearchDocumentWriter writer, TagDocuments renderer) {
        this(writer, renderer, null);
    }

    private TagSearchProjection(SearchDocumentWriter writer, TagDocuments renderer, String rebuildTarget) {
        super(writer, renderer, rebuildTarget);
    }

    @Override
    public DocumentIndexProjection forRebuild(String targetIndex) {
        return new TagSearchProjection(writer, (TagDocuments) renderer, targetIndex);
    }

    @EventHandler
    void on(TagCreatedEvent event) {
        touch(event.tagId().value());
    }

    @EventHandler
    void on(TagRenamedEvent event) {
        touch(event.tagId().value());
    }

    @EventHandler
    void on(TagDescriptionChangedEvent event) {
        touch(event.tagId().value());
    }

    @EventHandler
    void on(TagTypeChangedEvent event) {
        touch(event.tagId().value());
    }

    @EventHandler
    void on(TagDeletedEvent event) {
        touch(event.tagId().value());
    }

    @EventHandler
    void on(TagRestoredEvent event) {
        touch(event.tagId().value());
    }

    /** Creates the index at start-up when Elasticsearch is there, so searches never meet a starting shard. */
    @EventListener(ApplicationReadyEvent.class)
    void createIndexEarly() {
        try {
            writer.ensureAlias(renderer.indexName());
        } catch (Exception e) {
            log.warn("Tag index not created at start-up ({}); it will be created with the first write",
                    e.getMessage());
        }
    }
}
