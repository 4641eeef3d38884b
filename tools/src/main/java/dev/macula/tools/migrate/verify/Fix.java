package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

import java.util.function.Predicate;

/**
 * A field where Macula may answer differently from the original on purpose: the original's value, what
 * Macula may answer instead, and why (a §9.2 item of docs/api.md, or a documented gap of the migration).
 * It sits in an expected answer in place of the original's value ({@link #at}); the comparison accepts
 * the original's value silently, the documented one as a listed allowed difference, anything else as a
 * mismatch.
 */
record Fix(JsonNode original, Predicate<JsonNode> accepts, String reason) {

    /** The marker node that stands for this fix in an expected answer. */
    JsonNode at() {
        return new POJONode(this);
    }

    /** Macula answers exactly {@code fixed} instead of {@code original}. */
    static JsonNode to(JsonNode original, JsonNode fixed, String reason) {
        return new Fix(original, actual -> JsonDiff.same(fixed, actual), reason).at();
    }

    /** Macula answers anything that {@code accepts} says is its documented value. */
    static JsonNode when(JsonNode original, Predicate<JsonNode> accepts, String reason) {
        return new Fix(original, accepts, reason).at();
    }

    /** The fix a marker node stands for, or null when the node is an ordinary value. */
    static Fix of(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof Fix fix ? fix : null;
    }
}
