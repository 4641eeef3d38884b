package dev.macula.api.common;

/**
 * Where new API ids come from: one database sequence per entity type, named by the type's
 * {@code TYPE} constant ({@code UserId.TYPE}, {@code ModelMessages.MODEL_TYPE}, …), never by a free
 * string. The command side implements it ({@code IdAllocator}); it is an interface here so jobs in
 * the projections module (the inference run creates models and their segmentations) allocate ids
 * the same way without depending on the command side.
 */
public interface IdSource {

    /** A fresh id; gaps after a rejected command are harmless. */
    long next(String entityType);
}
