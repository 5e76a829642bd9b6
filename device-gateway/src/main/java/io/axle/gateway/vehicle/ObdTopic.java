package io.axle.gateway.vehicle;

import java.util.Optional;

/** The MQTT address of a vehicle's OBD-II frames, {@code axle/vehicles/{vehicleId}/obd}. */
public record ObdTopic(String vehicleId) {

    /** The subscription filter matching the frames of every vehicle. */
    public static final String FILTER = "axle/vehicles/+/obd";

    /** The topic's vehicle, when it is a frame topic. */
    public static Optional<ObdTopic> parse(String topic) {
        if (topic == null || !topic.startsWith("axle/vehicles/")) {
            return Optional.empty();
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 4 || !"obd".equals(levels[3]) || levels[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObdTopic(levels[2]));
    }

    public static String of(String vehicleId) {
        return "axle/vehicles/" + vehicleId + "/obd";
    }

    @Override
    public String toString() {
        return of(vehicleId);
    }
}
