package io.axle.gateway.vehicle.simulator;

import io.axle.api.vehicle.VehicleMeasure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The car behind one simulated dongle, scenario {@code drive}: it starts cold (coolant near the ambient temperature,
 * warming towards about 90 °C without ever cooling on the way), idles for {@link #IDLE_SECONDS}, then drives towards a
 * new target speed every minute with RPM following the speed, fuel slowly falling and the odometer growing by the
 * distance the speed covers. Faults switched on by {@link #fault} change what the next steps read. Each step answers
 * the measures and their mode 01 hex answers ({@link #pids}), encoded with the SAE J1979 formulas the gateway
 * decodes. Not thread-safe: one dongle's scheduler thread drives it.
 */
final class DriveScenario {

    static final double IDLE_SECONDS = 20;
    static final double WARM_C = 90;
    static final double OVERHEAT_C = 118;
    static final double IDLE_RPM = 800;
    /** The trouble code raised by the {@code trouble-code} fault (O2 sensor circuit slow response). */
    static final String TROUBLE_CODE = "P0133";

    private final RandomGenerator random;
    private final double ambientC;
    private double elapsed;
    private double coolantC;
    private double speedKmh;
    private double targetKmh;
    private double nextTargetAt;
    private double throttlePct;
    private double fuelPct;
    private double batteryV = 14.2;
    private double odometerKm;
    private boolean overheat;
    private boolean lowBattery;
    private boolean troubleCode;

    DriveScenario(RandomGenerator random) {
        this.random = random;
        this.ambientC = 8 + random.nextDouble() * 14;
        this.coolantC = ambientC + random.nextDouble() * 2;
        this.fuelPct = 45 + random.nextDouble() * 50;
        this.odometerKm = 5_000 + random.nextDouble() * 150_000;
        this.nextTargetAt = IDLE_SECONDS;
    }

    /** The faults a running simulation can be asked for. */
    enum Fault {
        TROUBLE_CODE, CLEAR_CODES, LOW_BATTERY, OVERHEAT;

        /** The fault named in a path ({@code trouble-code}, ...), or {@code null}. */
        static Fault named(String name) {
            for (Fault fault : values()) {
                if (fault.pathName().equals(name)) {
                    return fault;
                }
            }
            return null;
        }

        String pathName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    void fault(Fault fault) {
        switch (fault) {
            case TROUBLE_CODE -> troubleCode = true;
            case CLEAR_CODES -> troubleCode = false;
            case LOW_BATTERY -> lowBattery = true;
            case OVERHEAT -> overheat = true;
        }
    }

    /** Advances the car by {@code seconds} and answers the measures it reads now. */
    Map<String, Double> step(double seconds) {
        elapsed += seconds;
        boolean driving = elapsed > IDLE_SECONDS;
        if (driving && elapsed >= nextTargetAt) {
            targetKmh = random.nextDouble() < 0.15 ? 0 : 30 + random.nextDouble() * 90;
            nextTargetAt = elapsed + 60;
        }
        double wanted = driving ? targetKmh : 0;
        double change = Math.max(-4 * seconds, Math.min(2.5 * seconds, wanted - speedKmh));
        speedKmh = clamp(speedKmh + change, 0, 180);
        throttlePct = clamp((change > 0 ? 35 : 12) + speedKmh / 6 + random.nextDouble() * 3, 0, 100);
        double rpm = speedKmh < 0.5 ? IDLE_RPM + random.nextDouble() * 40 : IDLE_RPM + 400 + speedKmh * 22;
        double target = overheat ? OVERHEAT_C : WARM_C;
        if (coolantC < target) {
            double rate = (driving ? 0.35 : 0.2) * seconds;
            coolantC = Math.min(target, coolantC + Math.max(rate, (target - coolantC) * 0.02 * seconds));
        } else if (!overheat) {
            coolantC = clamp(coolantC + (random.nextDouble() - 0.5) * 0.4, WARM_C - 2, WARM_C + 2);
        }
        fuelPct = Math.max(0, fuelPct - (0.0004 + speedKmh * 0.000015) * seconds);
        odometerKm += speedKmh * seconds / 3600;
        batteryV = lowBattery ? Math.max(11.0, batteryV - 0.1 * seconds)
                : clamp(14.0 + random.nextDouble() * 0.4, 13.6, 14.6);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(VehicleMeasure.RPM.key(), rpm);
        values.put(VehicleMeasure.SPEED_KMH.key(), speedKmh);
        values.put(VehicleMeasure.COOLANT_C.key(), coolantC);
        values.put(VehicleMeasure.INTAKE_AIR_C.key(), ambientC + 4 + coolantC / 20);
        values.put(VehicleMeasure.THROTTLE_PCT.key(), throttlePct);
        values.put(VehicleMeasure.FUEL_PCT.key(), fuelPct);
        values.put(VehicleMeasure.BATTERY_V.key(), batteryV);
        values.put(VehicleMeasure.ODOMETER_KM.key(), odometerKm);
        return values;
    }

    /** The mode 03 answer the car gives now: {@code 43 01 01 33} with the trouble code, {@code 43 00} without. */
    String dtc() {
        return troubleCode ? "43 01 01 33" : "43 00";
    }

    /** Encodes measures as mode 01 answers, PID → data bytes in hex (the inverse of the gateway's decoder). */
    static Map<String, String> pids(Map<String, Double> values) {
        Map<String, String> pids = new LinkedHashMap<>();
        pids.put("0C", hex(Math.round(values.get(VehicleMeasure.RPM.key()) * 4), 2));
        pids.put("0D", hex(Math.round(values.get(VehicleMeasure.SPEED_KMH.key())), 1));
        pids.put("05", hex(Math.round(values.get(VehicleMeasure.COOLANT_C.key())) + 40, 1));
        pids.put("0F", hex(Math.round(values.get(VehicleMeasure.INTAKE_AIR_C.key())) + 40, 1));
        pids.put("11", hex(Math.round(values.get(VehicleMeasure.THROTTLE_PCT.key()) * 255 / 100), 1));
        pids.put("2F", hex(Math.round(values.get(VehicleMeasure.FUEL_PCT.key()) * 255 / 100), 1));
        pids.put("42", hex(Math.round(values.get(VehicleMeasure.BATTERY_V.key()) * 1000), 2));
        pids.put("A6", hex((long) Math.floor(values.get(VehicleMeasure.ODOMETER_KM.key()) * 10), 4));
        return pids;
    }

    private static String hex(long value, int bytes) {
        long max = (1L << (8 * bytes)) - 1;
        return String.format(Locale.ROOT, "%0" + (2 * bytes) + "X", Math.max(0, Math.min(max, value)));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
