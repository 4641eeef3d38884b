package dev.macula.infra.axon;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.MessageMetadata;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with who sent it and the HTTP request it came from, so the audit trail of
 * every event says who, when and in which request. Commands sent outside a request (the admin
 * bootstrap) are stamped as the system unless they already carry an actor.
 */
@Component
public class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>>,
        SmartInitializingSingleton {

    public static final String REQUEST_ID_MDC = "requestId";

    private final ObjectProvider<CommandBus> commandBus;

    public ActorMetadataInterceptor(ObjectProvider<CommandBus> commandBus) {
        this.commandBus = commandBus;
    }

    @Override
    public void afterSingletonsInstantiated() {
        commandBus.getObject().registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(MessageMetadata.ACTOR_NAME)) {
                return command;
            }
            Map<String, Object> stamp = new HashMap<>();
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            Object user = request == null ? null
                    : request.getAttribute(CurrentUser.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (user instanceof CurrentUser current) {
                stamp.put(MessageMetadata.ACTOR_ID, current.id());
                stamp.put(MessageMetadata.ACTOR_NAME, current.username());
            } else {
                stamp.put(MessageMetadata.ACTOR_NAME, "system");
            }
            String requestId = MDC.get(REQUEST_ID_MDC);
            if (requestId != null) {
                stamp.put(MessageMetadata.REQUEST_ID, requestId);
            }
            return command.andMetaData(stamp);
        };
    }
}
