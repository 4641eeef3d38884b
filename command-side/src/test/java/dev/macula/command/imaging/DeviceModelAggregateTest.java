package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.DeviceMessages.DeviceInstanceRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.DeviceModelRegisteredEvent;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceInstanceCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceModelCommand;
import dev.macula.api.imaging.DeviceModelId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceModelAggregateTest {

    private static final DeviceModelId ID = DeviceModelId.of(3);
    private AggregateTestFixture<DeviceModelAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceModelAggregate.class);
    }

    @Test
    void registersAModel() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDeviceModelCommand(ID, "Topcon", "Maestro"))
                .expectEvents(new DeviceModelRegisteredEvent(ID, "Topcon", "Maestro"));
    }

    @Test
    void registersInstancesWithDistinctDescriptions() {
        fixture.given(new DeviceModelRegisteredEvent(ID, "Topcon", "Maestro"))
                .when(new RegisterDeviceInstanceCommand(ID, 11, "Room 1", "SN-9"))
                .expectEvents(new DeviceInstanceRegisteredEvent(ID, 11, "Room 1", "SN-9"));
    }

    @Test
    void refusesASecondInstanceWithTheSameDescription() {
        fixture.given(new DeviceModelRegisteredEvent(ID, "Topcon", "Maestro"),
                        new DeviceInstanceRegisteredEvent(ID, 11, "Room 1", null))
                .when(new RegisterDeviceInstanceCommand(ID, 12, "Room 1", null))
                .expectNoEvents()
                .expectException(ApiException.class);
    }
}
