package dev.macula.projection.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned indexes behind stable aliases: {@code <prefix>-<name>-v<version>} is what exists,
 * {@code <prefix>-<name>} is what everyone reads and writes (docs/architecture.md, Search). An index is created
 * on first use, so the application starts even while Elasticsearch is still coming up. A rebuild
 * creates the next version beside the current one and swaps the alias in one atomic action.
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

    /**
     * Makes sure the alias exists, creating {@code <alias>-v<version>} behind it when it does not;
     * idempotent and race-safe. An existing alias is kept whatever version it points at.
     */
    public String ensure(String name, int version,
                         Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition,
                         TypeMapping mapping) throws IOException {
        String alias = alias(name);
        if (ready.contains(alias)) {
            return alias;
        }
        if (client.indices().existsAlias(e -> e.name(alias)).value()) {
            // an index made by an older release lacks the fields added since (attributes, say): adding
            // fields to a mapping is allowed in place, and a strict mapping would refuse the new documents
            client.indices().putMapping(p -> p.index(alias).properties(mapping.properties()));
        } else {
            String index = alias + "-v" + version;
            try {
                client.indices().create(c -> definition.apply(c.index(index).aliases(alias, a -> a.isWriteIndex(true))));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        // a search that arrives while the primary shard is still starting gets a 503: wait it out here
        client.cluster().health(h -> h.index(alias).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("30s")));
        ready.add(alias);
        return alias;
    }

    /** The concrete index behind the alias, or null when there is none yet. */
    public String current(String name) throws IOException {
        String alias = alias(name);
        if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
            return null;
        }
        GetAliasResponse response = client.indices().getAlias(g -> g.name(alias));
        return response.aliases().keySet().stream().sorted().reduce((a, b) -> b).orElse(null);
    }

    /** Every version of the index that exists, in version order. */
    public List<String> versions(String name) throws IOException {
        String alias = alias(name);
        Pattern versioned = Pattern.compile(Pattern.quote(alias) + "-v(\\d+)");
        return client.indices().get(g -> g.index(alias + "-v*").ignoreUnavailable(true).allowNoIndices(true))
                .indices().keySet().stream()
                .map(versioned::matcher).filter(Matcher::matches)
                .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.group(1))))
                .map(m -> m.group()).toList();
    }

    /** Documents in each version of the index. */
    public Map<String, Long> documentCounts(String name) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String index : versions(name)) {
            try {
                counts.put(index, count(index));
            } catch (IOException e) {
                counts.put(index, count(index)); // a pooled connection closed while idle: once more
            } catch (ElasticsearchException e) {
                if (!"index_not_found_exception".equals(e.error().type())) {
                    throw e;
                } // deleted between listing and counting (a rebuild finishing): not there any more
            }
        }
        return counts;
    }

    private long count(String index) throws IOException {
        return client.count(c -> c.index(index)).count();
    }

    /** Creates the next version beside every existing one, without the alias; returns its name. */
    public String createNextVersion(String name,
                                    Function<CreateIndexRequest.Builder, CreateIndexRequest.Builder> definition)
            throws IOException {
        String alias = alias(name);
        List<String> existing = versions(name);
        int highest = existing.isEmpty() ? 0
                : Integer.parseInt(existing.getLast().substring(existing.getLast().lastIndexOf("-v") + 2));
        String index = alias + "-v" + (highest + 1);
        client.indices().create(c -> definition.apply(c.index(index)));
        client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("30s")));
        return index;
    }

    /**
     * Points the alias at {@code to} instead of {@code from} in one atomic step. {@code to} is
     * refreshed first, so the first search after the swap already sees every document in it.
     */
    public void swap(String name, String from, String to) throws IOException {
        String alias = alias(name);
        client.indices().refresh(r -> r.index(to));
        client.indices().updateAliases(u -> {
            if (from != null) {
                u.actions(a -> a.remove(r -> r.index(from).alias(alias)));
            }
            return u.actions(a -> a.add(ad -> ad.index(to).alias(alias).isWriteIndex(true)));
        });
    }

    public void refreshInterval(String index, String interval) throws IOException {
        client.indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(r -> r.time(interval))));
    }

    public void delete(String index) throws IOException {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }
}
