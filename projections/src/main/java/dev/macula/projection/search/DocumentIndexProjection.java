package dev.macula.projection.search;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
                : new PipelinedWrites(ids -> writer.render(rebuildTarget, renderer, ids),
                        writer.stats(rebuildTarget).waitNanos());
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
        pending().ids.add(id);
    }

    protected void touch(Collection<Long> ids) {
        pending().ids.addAll(ids);
    }

    /**
     * The documents {@code lookup} finds for {@code key} in the read models, looked up at the end of
     * the batch together with every other key of the batch: one query per batch instead of one per
     * event. The documents are rendered at the end of the batch anyway, from the read models as they
     * are then, so finding them then too is just as current.
     */
    protected void touchLater(Lookup lookup, long key) {
        pending().lookups.computeIfAbsent(lookup, l -> new LinkedHashSet<>()).add(key);
    }

    /** Documents that reference an entity in the index now (for deletions and moves). */
    protected void touchReferencing(String ref) {
        // a rebuild's previous batch may still be on its way into the index it is about to ask
        flush();
        pending().ids.addAll(writer.idsReferencing(target(), ref));
    }

    /** A set-based read-model lookup: the documents a batch's keys (segmentations, forms, …) show in. */
    @FunctionalInterface
    protected interface Lookup {
        Collection<Long> documents(Collection<Long> keys);
    }

    /** What a batch touched: documents by id, and keys whose documents are still to be looked up. */
    private static final class Pending {
        final Set<Long> ids = new LinkedHashSet<>();
        final Map<Lookup, Set<Long>> lookups = new LinkedHashMap<>();

        Set<Long> resolved() {
            lookups.forEach((lookup, keys) -> ids.addAll(lookup.documents(keys)));
            lookups.clear();
            return ids;
        }
    }

    private Pending pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(pendingKey, key -> {
            Pending pending = new Pending();
            unitOfWork.root().onPrepareCommit(u -> {
                Set<Long> ids = pending.resolved();
                if (rebuildWrites != null) {
                    rebuildWrites.submit(ids); // also settles the previous batch's write, even when this one is empty
                } else if (!ids.isEmpty()) {
                    writer.write(target(), renderer, ids);
                }
            });
            return pending;
        });
    }
}
