package dev.macula.api.tagging;

/** What a tag link points at: the kind of object (a {@link TagType}) and its id. */
public record TaggedObject(TagType type, long id) {
}
