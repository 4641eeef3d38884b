package dev.macula.api.common;

/** {@code {"id", "name"}} of a user, as it appears inside other DTOs (docs/api.md §3.0.1). */
public record CreatorMeta(long id, String name) {
}
