package dev.macula.command.tagging;

import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;

import java.util.List;

/**
 * Restores the tag set of an image or a study — all a revert can change on them
 * ({@code POST /api/instances/{id}/tags/revert}, {@code POST /api/studies/{id}/tags/revert}). One bean
 * per kind ({@link TagSetRestorers}); the entity type is the history's ({@code instance}, {@code study}).
 */
public class ObjectTagSetRestorer extends StateRestorer<List<TagMeta>> {

    private final TagSetRestorer tags;
    private final TagType type;
    private final String entityType;
    private final String kind;

    ObjectTagSetRestorer(RestoreSupport support, TagSetRestorer tags, TagType type, String entityType, String kind) {
        super(support);
        this.tags = tags;
        this.type = type;
        this.entityType = entityType;
        this.kind = kind;
    }

    @Override
    public String entityType() {
        return entityType;
    }

    @Override
    protected List<TagMeta> read(long id) {
        TaggedObject object = new TaggedObject(type, id);
        return tags.exists(object) ? tags.read(object) : null;
    }

    @Override
    protected List<Object> commands(long id, List<TagMeta> past, List<TagMeta> now) {
        return tags.commands(new TaggedObject(type, id), past, now == null ? List.of() : now);
    }

    @Override
    protected String notFound() {
        return kind + " not found";
    }

    @Override
    protected String kind() {
        return kind;
    }
}
