package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.DeviceMessages.DeviceInstanceRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.DeviceModelRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceInstanceCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceModelCommand;
import dev.macula.api.imaging.DeviceModelId;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A device model with its instances (a clinic has a handful of cameras per model, so the stream stays
 * short). (manufacturer, model) is unique in the read model; instance descriptions within the model here.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class DeviceModelAggregate {

    @AggregateIdentifier
    private DeviceModelId deviceModelId;
    private final Set<String> descriptions = new HashSet<>();

    protected DeviceModelAggregate() {
        // for Axon
    }

    @CommandHandler
    public DeviceModelAggregate(RegisterDeviceModelCommand command) {
        apply(new DeviceModelRegisteredEvent(command.deviceModelId(), command.manufacturer(), command.model()));
    }

    @CommandHandler
    public void handle(RegisterDeviceInstanceCommand command) {
        if (descriptions.contains(command.description())) {
            throw ApiException.conflict("This device model already has an instance described '"
                    + command.description() + "'");
        }
        apply(new DeviceInstanceRegisteredEvent(deviceModelId, command.deviceInstanceId(), command.description(),
                command.serialNumber()));
    }

    @EventSourcingHandler
    void on(DeviceModelRegisteredEvent event) {
        deviceModelId = event.deviceModelId();
    }

    @EventSourcingHandler
    void on(DeviceInstanceRegisteredEvent event) {
        descriptions.add(event.description());
    }
}
