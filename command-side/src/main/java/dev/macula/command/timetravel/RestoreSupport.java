package dev.macula.command.timetravel;

import dev.macula.api.history.TimeTravel;
import dev.macula.command.common.CommandDispatcher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What every restorer needs: the read models as of a position, and sending its commands as one change. */
@Component
public class RestoreSupport {

    private final TimeTravel timeTravel;
    private final CommandDispatcher commands;
    private final TransactionTemplate transaction;

    RestoreSupport(TimeTravel timeTravel, CommandDispatcher commands, TransactionTemplate transaction) {
        this.timeTravel = timeTravel;
        this.commands = commands;
        this.transaction = transaction;
    }

    /** Runs the live read code against the read models as of {@code position}. */
    public <T> T then(long position, Supplier<T> reads) {
        return timeTravel.at(position, reads);
    }

    /**
     * Sends the commands in order inside one database transaction (each command's unit of work joins
     * it), so a restore that fails half-way leaves nothing behind.
     */
    public void sendAll(List<Object> toSend, Map<String, ?> metadata, String notFoundDetail) {
        transaction.executeWithoutResult(status -> toSend.forEach(c -> commands.send(c, metadata, notFoundDetail)));
    }
}
