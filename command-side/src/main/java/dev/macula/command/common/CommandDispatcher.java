package dev.macula.command.common;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.MessageMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Sends a command and waits for it to commit, so the caller's next read sees it. Turns "no such
 * aggregate" (never created, or deleted) into the contract's 404 for that kind of object.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commands;

    public CommandDispatcher(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R send(Object command, String notFoundDetail) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound(notFoundDetail);
        }
    }

    public <R> R send(Object command) {
        return commands.sendAndWait(command);
    }

    /**
     * With extra metadata (a revert's {@code reverted_to}, a rollback's id), which every event of the
     * command inherits. The request's actor is stamped as usual, unless {@code metadata} names an
     * actor itself (ActorMetadataInterceptor): background work such as a rollback runs outside any
     * request and names its admin here.
     */
    public <R> R send(Object command, Map<String, ?> metadata, String notFoundDetail) {
        try {
            return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
        } catch (AggregateNotFoundException e) {
            throw ApiException.notFound(notFoundDetail);
        }
    }

    /**
     * Sends on behalf of a user who is not the request's caller (yet): a login that migrates a
     * legacy hash happens before anyone is authenticated, but the audit trail should name the user.
     */
    public <R> R sendAs(Object command, long actorId, String actorName) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                Map.of(MessageMetadata.ACTOR_ID, actorId, MessageMetadata.ACTOR_NAME, actorName)));
    }
}
