package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** TagGET (docs/api.md §3.0.2) of every tag of the original, by id: what {@code GET /tags} lists. */
final class TagGet {

    private TagGet() {
    }

    static Map<Long, ObjectNode> all(EyenedSource source) throws SQLException {
        Map<Long, ObjectNode> tags = new LinkedHashMap<>();
        for (SourceRow row : source.all("""
                select t.*, c.CreatorName from `Tag` t left join `Creator` c on c.CreatorID = t.CreatorID order by t.TagID""")) {
            ObjectNode tag = Metas.JSON.objectNode().put("name", row.text("TagName")).put("tag_type", row.text("TagType"))
                    .put("description", row.text("TagDescription")).put("id", row.id("TagID"));
            tag.set("creator", row.isNull("CreatorName") ? NullNode.getInstance()
                    : Metas.creator(row.id("CreatorID"), row.text("CreatorName")));
            tag.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
            tags.put(row.id("TagID"), tag);
        }
        return tags;
    }
}
