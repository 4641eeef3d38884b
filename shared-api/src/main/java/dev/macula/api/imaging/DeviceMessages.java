package dev.macula.api.imaging;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Device models (manufacturer + model name) and their physical instances, which images point at. */
public final class DeviceMessages {

    /** Id type of device instances, which have no aggregate of their own but an id sequence. */
    public static final String DEVICE_INSTANCE_TYPE = "device-instance";
    /** Aggregate-identifier prefix of scan modes ({@code scan:<id>}). */
    public static final String SCAN_TYPE = "scan";

    private DeviceMessages() {
    }

    public record RegisterDeviceModelCommand(@TargetAggregateIdentifier DeviceModelId deviceModelId,
                                             String manufacturer, String model) {
    }

    /** {@code deviceInstanceId} is allocated from its own sequence: images reference it directly. */
    public record RegisterDeviceInstanceCommand(@TargetAggregateIdentifier DeviceModelId deviceModelId,
                                                long deviceInstanceId, String description, String serialNumber) {
    }

    @Revision("1")
    public record DeviceModelRegisteredEvent(DeviceModelId deviceModelId, String manufacturer, String model) {
    }

    @Revision("1")
    public record DeviceInstanceRegisteredEvent(DeviceModelId deviceModelId, long deviceInstanceId,
                                                String description, String serialNumber) {
    }

    /**
     * A scan mode the devices use (the original's Scan: {@code ScanID}, {@code ScanMode}); an image names
     * it by {@code ScanID} and shows it as {@code scan.mode} (docs/api.md §3.0.5).
     */
    public record RegisterScanModeCommand(@TargetAggregateIdentifier String scanKey, long scanId, String mode) {
    }

    @Revision("1")
    public record ScanModeRegisteredEvent(long scanId, String mode) {
    }

    public static String scanKey(long id) {
        return SCAN_TYPE + ":" + id;
    }
}
