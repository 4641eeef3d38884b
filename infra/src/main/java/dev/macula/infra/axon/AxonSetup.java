package dev.macula.infra.axon;

import dev.macula.api.common.MessageMetadata;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** What Axon needs beyond its Spring Boot defaults. */
@Configuration
public class AxonSetup {

    /** Processing groups whose handlers run inside the command's transaction (read models). */
    public static final List<String> INLINE_GROUPS = List.of("users", "tags", "imaging", "features", "segmentations", "models", "tasks", "subtasks", "forms", "form-annotations");

    /** Events inherit the acting user and the request id from the command that caused them. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(
                MessageMetadata.ACTOR_ID, MessageMetadata.ACTOR_NAME, MessageMetadata.REQUEST_ID);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * A read-model handler that fails (say, a unique name key) must fail the command, not be logged
     * and skipped: propagate, so the unit of work rolls back the events with it.
     */
    @Bean
    public ConfigurerModule inlineProjectionsPropagateErrors() {
        return configurer -> INLINE_GROUPS.forEach(group -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance()));
    }
}
