package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.SourceRow;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The small shapes of docs/api.md §3.0.1 as the original builds them from its rows, and the JSON values
 * of §0.4 (datetimes without offset, fraction only when non-zero; dates; nulls present).
 */
final class Metas {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Metas() {
    }

    /** CreatorMeta: {@code id}, {@code name}. */
    static ObjectNode creator(long id, String name) {
        return JSON.objectNode().put("id", id).put("name", name);
    }

    /**
     * TagMeta of a link row ({@code TagID}, {@code TagName}, the tagger's {@code CreatorID} and
     * {@code CreatorName}, the link's {@code DateInserted} and {@code Comment}).
     */
    static ObjectNode tagMeta(SourceRow link) {
        ObjectNode tag = JSON.objectNode().put("id", link.id("TagID")).put("name", link.text("TagName"));
        tag.set("tagger", creator(link.id("CreatorID"), link.text("CreatorName")));
        tag.set("date", dateTime(link.dateTime("DateInserted")));
        tag.put("comment", link.text("Comment"));
        return tag;
    }

    static JsonNode dateTime(LocalDateTime time) {
        if (time == null) {
            return NullNode.getInstance();
        }
        return JSON.textNode((time.getNano() / 1000 == 0 ? SECONDS : MICROS).format(time));
    }

    static JsonNode date(LocalDate date) {
        return date == null ? NullNode.getInstance() : JSON.textNode(date.toString());
    }

    /** A study date, shown as a midnight datetime (docs/api.md §0.4). */
    static JsonNode midnight(LocalDate date) {
        return dateTime(date.atStartOfDay());
    }

    static JsonNode number(Long value) {
        return value == null ? NullNode.getInstance() : JSON.numberNode(value);
    }

    static JsonNode number(Double value) {
        return value == null ? NullNode.getInstance() : JSON.numberNode(value);
    }

    /** A JSON column as stored (SQL NULL: null). */
    static JsonNode json(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }
}
