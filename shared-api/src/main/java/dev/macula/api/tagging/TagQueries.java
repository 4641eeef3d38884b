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
}
