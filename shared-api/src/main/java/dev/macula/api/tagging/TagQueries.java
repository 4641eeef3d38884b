package dev.macula.api.tagging;

/** Queries on tag definitions; answered from the {@code tag} read model. */
public final class TagQueries {

    private TagQueries() {
    }

    /** All tags in id order, optionally of one type. Answer: a list of {@link TagView}. */
    public record FindTagsQuery(TagType tagType) {
    }

    /** One tag. Answer: {@link TagView}, or null when there is none. */
    public record FindTagQuery(TagId tagId) {
    }

    /**
     * Type-ahead over tag names through Elasticsearch: case- and accent-insensitive prefix and word
     * matches, best first. Eventually consistent (about one refresh interval). Answer: list of {@link TagView}.
     */
    public record SearchTagsQuery(String text, TagType tagType, int limit) {
    }

    /** Every link of one object, as its GET lists them. Answer: a list of {@link TagMeta} (empty when none). */
    public record FindTagLinksQuery(TaggedObject object) {
    }

    /** One link. Answer: {@link TagMeta}, or null when the object does not carry the tag. */
    public record FindTagLinkQuery(TaggedObject object, TagId tagId) {
    }
}
