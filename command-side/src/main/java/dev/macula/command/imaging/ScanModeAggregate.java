package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.DeviceMessages;
import dev.macula.api.imaging.DeviceMessages.RegisterScanModeCommand;
import dev.macula.api.imaging.DeviceMessages.ScanModeRegisteredEvent;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A scan mode (unique in the read model, as the original's Scan.ScanMode). */
@Aggregate(cache = AggregateCaching.CACHE)
public class ScanModeAggregate {

    @AggregateIdentifier
    private String scanKey;

    protected ScanModeAggregate() {
        // for Axon
    }

    @CommandHandler
    public ScanModeAggregate(RegisterScanModeCommand command) {
        if (command.mode() == null || command.mode().isBlank() || command.mode().length() > 40) {
            throw new ApiException(422, "A scan mode has 1 to 40 characters");
        }
        apply(new ScanModeRegisteredEvent(command.scanId(), command.mode()));
    }

    @EventSourcingHandler
    void on(ScanModeRegisteredEvent event) {
        scanKey = DeviceMessages.scanKey(event.scanId());
    }
}
