package io.axle.query.vehicle;

import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.VehicleRegisteredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Vehicle events and frames the vehicle read model tests share. */
final class VehicleEvents {

    static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    static final String VIN = "1M8GDM9AXKP042788";

    private VehicleEvents() {
    }

    static VehicleRegisteredEvent registered(String vehicleId, String vin, String plate, String make, String owner) {
        return new VehicleRegisteredEvent(vehicleId, vin, plate, "FR", make, "Model", 2019, "Motor Coach Industries",
                "US", 2019, owner, List.of("check-digit"), "admin");
    }

    static VehicleRegisteredEvent registered(String vehicleId) {
        return registered(vehicleId, VIN, "AB-123-CD", "Renault", "c-1");
    }

    /** A frame of {@code vehicleId} read {@code seconds} after {@link #AT}. */
    static ObdFrame frame(String frameId, String vehicleId, long seconds, Map<String, Double> values) {
        Instant at = AT.plusSeconds(seconds);
        return new ObdFrame(frameId, vehicleId, "apikey:dongle", at, at.plusMillis(200), values, null);
    }
}
