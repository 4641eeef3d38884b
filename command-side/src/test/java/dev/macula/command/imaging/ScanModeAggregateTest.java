package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.DeviceMessages.RegisterScanModeCommand;
import dev.macula.api.imaging.DeviceMessages.ScanModeRegisteredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ScanModeAggregateTest {

    private final AggregateTestFixture<ScanModeAggregate> fixture = new AggregateTestFixture<>(ScanModeAggregate.class);

    @Test
    void aScanModeIsRegisteredWithItsName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterScanModeCommand("scan:3", 3, "Volume 49 B-scans"))
                .expectEvents(new ScanModeRegisteredEvent(3, "Volume 49 B-scans"));
    }

    @Test
    void aBlankOrTooLongModeIsRefused() {
        fixture.givenNoPriorActivity().when(new RegisterScanModeCommand("scan:3", 3, " "))
                .expectException(ApiException.class);
        fixture.givenNoPriorActivity().when(new RegisterScanModeCommand("scan:3", 3, "x".repeat(41)))
                .expectException(ApiException.class);
    }
}
