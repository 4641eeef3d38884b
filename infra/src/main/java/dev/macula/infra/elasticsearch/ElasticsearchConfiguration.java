package dev.macula.infra.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.macula.infra.config.MaculaProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/**
 * The Elasticsearch 9 Java client on the REST 5 transport, pointed at {@code MACULA_ES_URL}. The
 * node we run lacks {@code GET /}, so neither {@code info()} nor {@code ping()} is used: health
 * asks {@code _cluster/health}.
 */
@Configuration
public class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    Rest5Client elasticsearchRestClient(MaculaProperties properties) {
        // a pooled connection idle for a second is checked before reuse: one the node (or a proxy)
        // closed meanwhile — after a restart, say — is replaced instead of failing a request
        return Rest5Client.builder(URI.create(properties.esUrl()))
                .setConnectionConfigCallback(c -> c.setValidateAfterInactivity(
                        org.apache.hc.core5.util.TimeValue.ofSeconds(1)))
                .build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(Rest5Client restClient) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return new ElasticsearchClient(new Rest5ClientTransport(restClient, new JacksonJsonpMapper(mapper)));
    }

    @Bean
    HealthIndicator elasticsearchHealthIndicator(ElasticsearchClient client) {
        return () -> {
            try {
                HealthResponse health = client.cluster().health();
                Health.Builder builder = health.status() == HealthStatus.Red ? Health.down() : Health.up();
                return builder.withDetail("cluster", health.clusterName())
                        .withDetail("status", health.status().jsonValue())
                        .withDetail("nodes", health.numberOfNodes()).build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
