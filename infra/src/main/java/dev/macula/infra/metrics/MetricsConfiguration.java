package dev.macula.infra.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Macula's own metrics beside Spring Boot's (JVM, HTTP server, Hikari, Tomcat), exported at
 * {@code /actuator/prometheus}. Commands and searches are measured by the buses' message monitors
 * (one per bus, Axon's own hook); the registry is resolved on the first message, since Axon's
 * configuration is assembled before the metrics infrastructure is complete.
 */
@Configuration
public class MetricsConfiguration {

    @Bean
    public ConfigurerModule measureCommandsAndSearches(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, configuration -> new CommandMetrics(registry::getObject))
                .configureMessageMonitor(QueryBus.class, configuration -> new SearchMetrics(registry::getObject));
    }
}
