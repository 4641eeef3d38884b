package dev.macula.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.support.PlatformClient;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** What the scenarios compare: the read model over the API, the tag index, the event store and token table. */
final class ChaosProbes {

    private static final String SEGMENTS = "select count(*) from tokenentry where processorname not like '%@%'"
            + " and processorname <> '__config'";

    private final PlatformClient es;
    private final String prefix;
    private final String dbUrl;

    ChaosProbes(PlatformClient es, String prefix, String dbUrl) {
        this.es = es;
        this.prefix = prefix;
        this.dbUrl = dbUrl;
    }

    /** Every tag name the node's read model lists. */
    Set<String> tagNames(ChaosNode node) throws Exception {
        Set<String> names = new HashSet<>();
        PlatformClient.JSON.readTree(node.client().get("/api/tags").body()).forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    /** Every tag name in the index, paged with search_after. */
    Set<String> indexedTagNames() throws Exception {
        Set<String> names = new HashSet<>();
        String after = null;
        while (true) {
            String body = "{\"size\":5000,\"_source\":[\"name\"],\"sort\":[{\"id\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":[" + after + "]") + "}";
            HttpResponse<String> response = es.es("POST", "/" + prefix + "-tags/_search", body);
            if (response.statusCode() != 200) {
                return names;
            }
            JsonNode hits = PlatformClient.JSON.readTree(response.body()).get("hits").get("hits");
            hits.forEach(h -> names.add(h.get("_source").get("name").asText()));
            if (hits.size() < 5000) {
                return names;
            }
            after = hits.get(hits.size() - 1).get("sort").get(0).asText();
        }
    }

    /** Segments the node reports as claimed by its pooled processors. */
    int claimed(ChaosNode node) throws Exception {
        int claimed = 0;
        for (JsonNode p : PlatformClient.JSON.readTree(node.client().get("/api/admin/projections").body())) {
            if (p.get("mode").asText().equals("pooled")) {
                claimed += p.path("segments").asInt();
            }
        }
        return claimed;
    }

    /** Segments of every processor, as the token table records them. */
    int totalSegments() throws Exception {
        return (int) query(SEGMENTS);
    }

    /** Segments the token table records as owned by {@code node} (owner = "<pid>@<host>"). */
    long ownedBy(ChaosNode node) throws Exception {
        return query(SEGMENTS + " and owner like '" + node.process().pid() + "@%'");
    }

    /** Half of each processor's segments, rounded up: no node should own more once balanced. */
    int fairShare() throws Exception {
        return (int) query("select coalesce(sum((n + 1) / 2), 0) from (select count(*) n from tokenentry"
                + " where processorname not like '%@%' and processorname <> '__config' group by processorname) t");
    }

    /** What the event store implies for the tag table (the load never deletes tags). */
    long tagCreatedEvents() throws Exception {
        return query("select count(*) from domainevententry where payloadtype like '%TagCreatedEvent'");
    }

    long query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
