package dev.macula.projection.search;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Common part of the search projections: event handlers only note which documents changed; at the
 * end of the processing batch every noted document is re-rendered whole and written in one
 * {@code _bulk} per chunk. The target is the index alias for the live processor, or a concrete new
 * index version for a rebuild.
 */
public abstract class DocumentIndexProjection {

    private final String pendingKey = getClass().getName() + ".pending." + System.identityHashCode(this);
    protected final SearchDocumentWriter writer;
    protected final DocumentRenderer renderer;
    private final String rebuildTarget;
    /** A rebuild writes one batch behind its event handling; the live processor writes before its token moves. */
    private final PipelinedWrites rebuildWrites;

    protected DocumentIndexProjection(SearchDocumentWriter writer, DocumentRenderer renderer, String rebuildTarget) {
        this.writer = writer;
        this.renderer = renderer;
        this.rebuildTarget = rebuildTarget;
        this.rebuildWrites = rebuildTarget == null ? null
                : new PipelinedWrites(ids -> writer.write(rebuildTarget, renderer, ids));
    }

    /** For a rebuild instance: returns once every batch handled so far is written to the new index. */
    public void flush() {
        if (rebuildWrites != null) {
            rebuildWrites.flush();
        }
    }

    /** A second instance of this projection, writing to {@code targetIndex} instead of the alias (a rebuild). */
    public abstract DocumentIndexProjection forRebuild(String targetIndex);

    /** The processing group of the live instance. */
    public String group() {
        return getClass().getAnnotation(ProcessingGroup.class).value();
    }

    public DocumentRenderer renderer() {
        return renderer;
    }

    /** The index (or alias) this instance writes to. */
    protected String target() {
        if (rebuildTarget != null) {
            return rebuildTarget;
        }
        try {
            return writer.ensureAlias(renderer.indexName());
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable; the processor will retry", e);
        }
    }


    protected void touch(long id) {
        pending().add(id);
    }

    protected void touch(Collection<Long> ids) {
        pending().addAll(ids);
    }

    /** Documents that reference an entity in the index now (for deletions and moves). */
    protected void touchReferencing(String ref) {
        // a rebuild's previous batch may still be on its way into the index it is about to ask
        flush();
        pending().addAll(writer.idsReferencing(target(), ref));
    }

    private Set<Long> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(pendingKey, key -> {
            Set<Long> ids = new LinkedHashSet<>();
            unitOfWork.root().onPrepareCommit(u -> {
                if (rebuildWrites != null) {
                    rebuildWrites.submit(ids); // also settles the previous batch's write, even when this one is empty
                } else if (!ids.isEmpty()) {
                    writer.write(target(), renderer, ids);
                }
            });
            return ids;
        });
    }
}
