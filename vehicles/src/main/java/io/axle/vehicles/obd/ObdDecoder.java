package io.axle.vehicles.obd;

import io.axle.api.vehicle.VehicleMeasure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decodes what an OBD-II dongle reads from a car (SAE J1979): mode 01 answers per PID into the measures of
 * {@link VehicleMeasure}, and mode 03 answers into trouble codes. Malformed answers and impossible values are refused
 * with a {@link FrameException} naming field and rule, never skipped.
 *
 * <p>Mode 01 decodes PIDs 0C (rpm), 0D (speedKmh), 05 (coolantC), 0F (intakeAirC), 11 (throttlePct), 2F (fuelPct),
 * 42 (batteryV) and A6 (odometerKm). Any other PID, the support bitmasks 00, 20, 40… included, is refused as
 * {@code unsupported-pid} rather than ignored, so that a dongle sending something we would drop hears about it.
 *
 * <p>Plausible ranges ({@link #checkPlausible}): rpm 0–10,000 (the formula reaches 16,383.75; no road car's engine
 * turns faster than 10,000); speedKmh 0–255 (the PID's range); coolantC −40–150 and intakeAirC −40–120 (the formula
 * reaches 215, which sensors report when broken); throttlePct and fuelPct 0–100; batteryV 0–30 (24-V trucks charge at
 * up to about 29 V; the formula reaches 65.5); odometerKm 0–2,000,000.
 */
public final class ObdDecoder {

    private static final Map<String, double[]> PLAUSIBLE = Map.of(
            VehicleMeasure.RPM.key(), new double[] {0, 10_000},
            VehicleMeasure.SPEED_KMH.key(), new double[] {0, 255},
            VehicleMeasure.COOLANT_C.key(), new double[] {-40, 150},
            VehicleMeasure.INTAKE_AIR_C.key(), new double[] {-40, 120},
            VehicleMeasure.THROTTLE_PCT.key(), new double[] {0, 100},
            VehicleMeasure.FUEL_PCT.key(), new double[] {0, 100},
            VehicleMeasure.BATTERY_V.key(), new double[] {0, 30},
            VehicleMeasure.ODOMETER_KM.key(), new double[] {0, 2_000_000});

    /** SAE J1979: the positive response to mode 03 is 0x43. */
    private static final int MODE_03_REPLY = 0x43;
    /** SAE J1979: the positive response to mode 01 is 0x41, followed by the PID. */
    private static final int MODE_01_REPLY = 0x41;
    /** SAE J2012: the letter of a trouble code from the top two bits of its first byte. */
    private static final char[] DTC_LETTERS = {'P', 'C', 'B', 'U'};

    private ObdDecoder() {
    }

    /**
     * Decodes mode 01 answers, keyed by PID in hex ({@code "0C"}, {@code "0c"} or {@code "0x0C"}), each the data bytes
     * in hex with or without spaces ({@code "1AF8"}, {@code "1A F8"}); a whole reply with its {@code 41 <PID>} header
     * is accepted too. Answers measure name → value, in the order given, each checked plausible.
     *
     * @throws FrameException field {@code pids.<PID>}; rule {@code hex}, {@code length}, {@code unsupported-pid} or
     *                        {@code implausible}
     */
    public static Map<String, Double> mode01(Map<String, String> pidsHex) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (pidsHex == null) {
            return values;
        }
        for (Map.Entry<String, String> answer : pidsHex.entrySet()) {
            String key = answer.getKey() == null ? "" : answer.getKey().strip().toUpperCase(Locale.ROOT);
            String field = "pids." + key;
            String digits = key.startsWith("0X") ? key.substring(2) : key;
            if (digits.isEmpty() || digits.length() > 2 || !isHex(digits)) {
                throw new FrameException(field, "hex", "a PID is one hex byte, like 0C");
            }
            int number = Integer.parseInt(digits, 16);
            Pid pid = Pid.of(number);
            if (pid == null) {
                throw new FrameException(field, "unsupported-pid", String.format(
                        "PID %02X is not decoded; decoded PIDs are 0C, 0D, 05, 0F, 11, 2F, 42 and A6", number));
            }
            int[] data = bytes(answer.getValue(), field);
            if (data.length == pid.bytes + 2 && data[0] == MODE_01_REPLY && data[1] == number) {
                data = Arrays.copyOfRange(data, 2, data.length);
            }
            if (data.length != pid.bytes) {
                throw new FrameException(field, "length", String.format("PID %02X answers %d byte%s, this has %d",
                        number, pid.bytes, pid.bytes == 1 ? "" : "s", data.length));
            }
            double value = pid.decode(data);
            check(field, pid.measure, value);
            values.put(pid.measure, value);
        }
        return values;
    }

    /**
     * Decodes a mode 03 answer: {@code 43}, on CAN a count byte, then two bytes per trouble code
     * ({@code "43 02 01 33 C1 58"} and {@code "43 01 33 C1 58 00 00"} both give [P0133, U0158]). {@code 00 00} is
     * padding. Answers the codes sorted, without duplicates. An answer with an odd number of bytes after 43 carries
     * the count byte, which must match the codes that follow.
     *
     * @throws FrameException field {@code dtc}; rule {@code hex} or {@code mode03-reply}
     */
    public static List<String> mode03(String hex) {
        int[] data = bytes(hex, "dtc");
        if (data.length == 0 || data[0] != MODE_03_REPLY) {
            throw new FrameException("dtc", "mode03-reply", "a mode 03 answer starts with 43");
        }
        int first = 1;
        Integer count = null;
        if ((data.length - 1) % 2 == 1) {
            count = data[1];
            first = 2;
        }
        TreeSet<String> codes = new TreeSet<>();
        int reported = 0;
        for (int i = first; i + 1 < data.length; i += 2) {
            if (data[i] == 0 && data[i + 1] == 0) {
                continue;
            }
            reported++;
            codes.add(troubleCode(data[i], data[i + 1]));
        }
        if (count != null && count != reported) {
            throw new FrameException("dtc", "mode03-reply",
                    "the answer counts " + count + " trouble codes and carries " + reported);
        }
        return new ArrayList<>(codes);
    }

    /**
     * Refuses a value no car can report, by the ranges in this class's description.
     *
     * @throws FrameException field {@code values.<measure>}; rule {@code implausible}, or {@code unknown-measure}
     *                        for a name not in {@link VehicleMeasure}
     */
    public static void checkPlausible(String measure, double value) {
        check("values." + measure, measure, value);
    }

    private static void check(String field, String measure, double value) {
        double[] range = PLAUSIBLE.get(measure);
        if (range == null) {
            throw new FrameException(field, "unknown-measure",
                    measure + " is not a measure; measures are " + VehicleMeasure.KEYS);
        }
        if (!(value >= range[0] && value <= range[1])) {
            throw new FrameException(field, "implausible", String.format(Locale.ROOT,
                    "%s %s is outside %s to %s", measure, value, format(range[0]), format(range[1])));
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** SAE J2012 / J1979: letter from bits 7–6, first digit from bits 5–4, then three hex digits. */
    private static String troubleCode(int high, int low) {
        return String.format("%c%d%X%02X", DTC_LETTERS[high >> 6], (high >> 4) & 0x3, high & 0xF, low);
    }

    private static int[] bytes(String hex, String field) {
        String digits = hex == null ? "" : hex.replaceAll("\\s+", "");
        if (!isHex(digits) || digits.length() % 2 != 0) {
            throw new FrameException(field, "hex", "expected hex bytes, like 1A F8");
        }
        int[] data = new int[digits.length() / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return data;
    }

    private static boolean isHex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
