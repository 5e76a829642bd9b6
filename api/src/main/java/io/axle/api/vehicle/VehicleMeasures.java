package io.axle.api.vehicle;

import java.util.List;

/** The measures of a vehicle's telemetry, by the names the API, the Kafka frames and the read models use. */
public final class VehicleMeasures {

    public static final String RPM = "rpm";
    public static final String SPEED_KMH = "speedKmh";
    public static final String COOLANT_C = "coolantC";
    public static final String INTAKE_AIR_C = "intakeAirC";
    public static final String THROTTLE_PCT = "throttlePct";
    public static final String FUEL_PCT = "fuelPct";
    public static final String BATTERY_V = "batteryV";
    public static final String ODOMETER_KM = "odometerKm";

    /** Every measure, in the order screens show them. */
    public static final List<String> ALL = List.of(RPM, SPEED_KMH, COOLANT_C, INTAKE_AIR_C, THROTTLE_PCT, FUEL_PCT,
            BATTERY_V, ODOMETER_KM);

    private VehicleMeasures() {
    }
}
