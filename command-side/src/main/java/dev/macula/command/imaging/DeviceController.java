package dev.macula.command.imaging;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.JsonBody;
import dev.macula.api.imaging.DeviceMessages;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceInstanceCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceModelCommand;
import dev.macula.api.imaging.DeviceModelId;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * New admin endpoints (the original filled these tables offline): register device models and their
 * instances, so imports can name a {@code DeviceInstanceID} and images show their device.
 */
@RestController
class DeviceController {

    private final CommandDispatcher commands;
    private final IdAllocator ids;

    DeviceController(CommandDispatcher commands, IdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    record DeviceModelView(long id, String manufacturer, String model) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"id", "device_model_id", "description", "serial_number"})
    record DeviceInstanceView(long id, long deviceModelId, String description, String serialNumber) {
    }

    /** {@code {"manufacturer", "model"}} → DeviceModelGET; an existing pair is a 409. */
    @PostMapping("/api/devices")
    DeviceModelView registerModel(JsonBody body) {
        String manufacturer = body.requiredString("manufacturer", 45);
        String model = body.requiredString("model", 45);
        body.validate();
        DeviceModelId id = DeviceModelId.of(ids.next(DeviceModelId.TYPE));
        commands.send(new RegisterDeviceModelCommand(id, manufacturer, model));
        return new DeviceModelView(id.value(), manufacturer, model);
    }

    /** {@code {"description", "serial_number"?}} → the instance, whose id imports use as DeviceInstanceID. */
    @PostMapping("/api/devices/{device_model_id}/instances")
    DeviceInstanceView registerInstance(@PathVariable("device_model_id") long deviceModelId, JsonBody body) {
        String description = body.requiredString("description", 256);
        String serialNumber = body.optionalString("serial_number", 1000);
        body.validate();
        if (deviceModelId <= 0) {
            throw ApiException.notFound("DeviceModel not found");
        }
        long instanceId = ids.next(DeviceMessages.DEVICE_INSTANCE_TYPE);
        commands.send(new RegisterDeviceInstanceCommand(DeviceModelId.of(deviceModelId), instanceId, description,
                serialNumber), "DeviceModel not found");
        return new DeviceInstanceView(instanceId, deviceModelId, description, serialNumber);
    }
}
