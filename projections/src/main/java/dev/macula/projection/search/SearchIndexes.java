package dev.macula.projection.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Versioned indexes behind stable aliases: {@code <prefix>-<name>-v<version>} is what exists,
 * {@code <prefix>-<name>} is what everyone reads and writes (design notes §6). An index is created
 * on first use, so the application starts even while Elasticsearch is still coming up.
 */
@Component
public class SearchIndexes {

    private final ElasticsearchClient client;
    private final String prefix;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public SearchIndexes(ElasticsearchClient client, @Value("${macula.es-index-prefix:macula}") String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    public String alias(String name) {
        return prefix + "-" + name;
    }

    /** Creates {@code <alias>-v<version>} with the alias when missing; idempotent and race-safe. */
    public String ensure(String name, int version,
                         Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition) throws IOException {
        String alias = alias(name);
        if (ready.contains(alias)) {
            return alias;
        }
        String index = alias + "-v" + version;
        if (!client.indices().exists(e -> e.index(index)).value()) {
            try {
                client.indices().create(c -> definition.apply(c.index(index).aliases(alias, a -> a.isWriteIndex(true))));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        // a search that arrives while the primary shard is still starting gets a 503: wait it out here
        client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("30s")));
        ready.add(alias);
        return alias;
    }
}
