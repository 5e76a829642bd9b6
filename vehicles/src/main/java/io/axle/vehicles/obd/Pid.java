package io.axle.vehicles.obd;

import io.axle.api.vehicle.VehicleMeasure;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The mode 01 PIDs decoded, each with its data byte count and its SAE J1979 formula (A, B, C, D the data bytes, as
 * in SAE J1979 / ISO 15031-5 annex B and the Wikipedia "OBD-II PIDs" table).
 */
enum Pid {

    /** Engine speed: (256A + B) / 4 rpm. */
    ENGINE_RPM(0x0C, 2, VehicleMeasure.RPM.key(), b -> (256 * b[0] + b[1]) / 4.0),
    /** Vehicle speed: A km/h. */
    SPEED(0x0D, 1, VehicleMeasure.SPEED_KMH.key(), b -> b[0]),
    /** Engine coolant temperature: A − 40 °C. */
    COOLANT(0x05, 1, VehicleMeasure.COOLANT_C.key(), b -> b[0] - 40),
    /** Intake air temperature: A − 40 °C. */
    INTAKE_AIR(0x0F, 1, VehicleMeasure.INTAKE_AIR_C.key(), b -> b[0] - 40),
    /** Throttle position: 100 A / 255 %. */
    THROTTLE(0x11, 1, VehicleMeasure.THROTTLE_PCT.key(), b -> 100.0 * b[0] / 255),
    /** Fuel tank level input: 100 A / 255 %. */
    FUEL_LEVEL(0x2F, 1, VehicleMeasure.FUEL_PCT.key(), b -> 100.0 * b[0] / 255),
    /** Control module voltage: (256A + B) / 1000 V. */
    MODULE_VOLTAGE(0x42, 2, VehicleMeasure.BATTERY_V.key(), b -> (256 * b[0] + b[1]) / 1000.0),
    /** Odometer: (A·2^24 + B·2^16 + C·2^8 + D) / 10 km. */
    ODOMETER(0xA6, 4, VehicleMeasure.ODOMETER_KM.key(),
            b -> (((long) b[0] << 24) + (b[1] << 16) + (b[2] << 8) + b[3]) / 10.0);

    private static final Map<Integer, Pid> BY_NUMBER =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(p -> p.number, Function.identity()));

    final int number;
    final int bytes;
    final String measure;
    private final ToDoubleFunction<int[]> formula;

    Pid(int number, int bytes, String measure, ToDoubleFunction<int[]> formula) {
        this.number = number;
        this.bytes = bytes;
        this.measure = measure;
        this.formula = formula;
    }

    /** The value of the data bytes (each 0–255, exactly {@link #bytes} of them). */
    double decode(int[] data) {
        return formula.applyAsDouble(data);
    }

    static Pid of(int number) {
        return BY_NUMBER.get(number);
    }
}
