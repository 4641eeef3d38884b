package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** DeviceModelGET (docs/api.md §3.0.1) of every device model of the original, by id: what {@code GET /devices} lists. */
final class DeviceModelGet {

    private DeviceModelGet() {
    }

    static Map<Long, ObjectNode> all(EyenedSource source) throws SQLException {
        Map<Long, ObjectNode> devices = new LinkedHashMap<>();
        for (SourceRow row : source.all("select * from `DeviceModel` order by DeviceModelID")) {
            devices.put(row.id("DeviceModelID"), Metas.JSON.objectNode().put("id", row.id("DeviceModelID"))
                    .put("manufacturer", row.text("Manufacturer")).put("model", row.text("ManufacturerModelName")));
        }
        return devices;
    }
}
