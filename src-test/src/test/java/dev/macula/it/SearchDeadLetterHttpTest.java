package dev.macula.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.macula.projection.search.DocumentRenderer;
import dev.macula.projection.search.SearchDocumentWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document Elasticsearch refuses for good (here: a field its strict mapping does not know) is
 * parked in the dead-letter table while the rest of the batch is indexed, so one bad document never
 * blocks the stream; a later good rendering clears it.
 */
class SearchDeadLetterHttpTest extends HttpTestBase {

    @Autowired
    SearchDocumentWriter writer;

    @Autowired
    ElasticsearchClient client;

    @Test
    void refusedDocumentsAreDeadLetteredAndTheRestIsIndexed() throws Exception {
        String indexName = "dead-letter-test";
        String alias = writer.ensureAlias(indexName);
        Map<Long, Map<String, Object>> documents = new HashMap<>();
        documents.put(1L, Map.of("id", 1L, "study_round", 1));
        documents.put(2L, Map.of("id", 2L, "not_in_the_mapping", true));
        documents.put(3L, Map.of("id", 3L, "study_round", 3));
        writer.write(alias, renderer(indexName, documents), List.of(1L, 2L, 3L));

        assertThat(writer.deadLetters(indexName)).containsExactly(2L);
        client.indices().refresh(r -> r.index(alias));
        assertThat(client.count(c -> c.index(alias)).count()).isEqualTo(2);

        documents.put(2L, Map.of("id", 2L, "study_round", 2));
        writer.write(alias, renderer(indexName, documents), writer.deadLetters(indexName));
        assertThat(writer.deadLetters(indexName)).isEmpty();
        client.indices().refresh(r -> r.index(alias));
        assertThat(client.count(c -> c.index(alias)).count()).isEqualTo(3);

        assertThat(admin().post("/api/admin/projections/instance-search/dead-letters/retry", Map.of()).json()
                .get("dead_letters").asLong()).isZero();
    }

    private static DocumentRenderer renderer(String indexName, Map<Long, Map<String, Object>> documents) {
        return new DocumentRenderer() {
            @Override
            public String indexName() {
                return indexName;
            }

            @Override
            public Map<Long, Map<String, Object>> render(Collection<Long> ids) {
                Map<Long, Map<String, Object>> rendered = new HashMap<>();
                ids.forEach(id -> rendered.put(id, documents.get(id)));
                return rendered;
            }
        };
    }
}
