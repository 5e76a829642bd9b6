package io.axle.api.vehicle;

import java.util.Arrays;
import java.util.List;

/**
 * The measures of a vehicle's telemetry. {@link #key()} is the name the API, the Kafka frames and the read models use
 * for it ({@code rpm}, {@code speedKmh}, ...); {@link #KEYS} lists them in the order screens show them.
 */
public enum VehicleMeasure {

    RPM("rpm"),
    SPEED_KMH("speedKmh"),
    COOLANT_C("coolantC"),
    INTAKE_AIR_C("intakeAirC"),
    THROTTLE_PCT("throttlePct"),
    FUEL_PCT("fuelPct"),
    BATTERY_V("batteryV"),
    ODOMETER_KM("odometerKm");

    /** Every measure's key, in the order screens show them. */
    public static final List<String> KEYS = Arrays.stream(values()).map(VehicleMeasure::key).toList();

    private final String key;

    VehicleMeasure(String key) {
        this.key = key;
    }

    /** The measure's name in the API, the frames and the read models. */
    public String key() {
        return key;
    }
}
