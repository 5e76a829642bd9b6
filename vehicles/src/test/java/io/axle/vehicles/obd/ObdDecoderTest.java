package io.axle.vehicles.obd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObdDecoderTest {

    @Nested
    class Mode01 {

        @ParameterizedTest(name = "PID {0} = {1} → {2} {3}")
        @CsvSource({
                // the frame, by the SAE J1979 formulas
                "0C, 1AF8,     rpm,         1726",
                "0D, 3C,       speedKmh,    60",
                "05, 7B,       coolantC,    83",
                "42, 3A98,     batteryV,    15.0",
                "2F, 80,       fuelPct,     50.19608",
                "A6, 00012D4C, odometerKm,  7713.2",
                // the formulas' ends and a few more by hand
                "0C, 0000,     rpm,         0",
                "0C, 0FA0,     rpm,         1000",
                "0D, FF,       speedKmh,    255",
                "05, 00,       coolantC,    -40",
                "05, 96,       coolantC,    110",
                "0F, 3C,       intakeAirC,  20",
                "0F, 00,       intakeAirC,  -40",
                "11, FF,       throttlePct, 100",
                "11, 00,       throttlePct, 0",
                "11, 33,       throttlePct, 20",
                "2F, FF,       fuelPct,     100",
                "42, 2E18,     batteryV,    11.8",
                "A6, 00000000, odometerKm,  0",
                "A6, 00989680, odometerKm,  1000000",
        })
        void decodesByTheStandardsFormulas(String pid, String hex, String measure, double value) {
            assertThat(ObdDecoder.mode01(Map.of(pid, hex))).containsOnlyKeys(measure);
            assertThat(ObdDecoder.mode01(Map.of(pid, hex)).get(measure)).isCloseTo(value, within(1e-4));
        }

        @ParameterizedTest(name = "\"{0}\" / \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "0C   | 1A F8",
                "0c   | 1af8",
                "0x0C | 1AF8",
                " 0C  | ' 1A  F8 '",
                "0C   | 41 0C 1A F8",
                "0C   | 410C1AF8",
        })
        void acceptsSpacesCaseAndTheReplyHeader(String pid, String hex) {
            assertThat(ObdDecoder.mode01(Map.of(pid, hex))).isEqualTo(Map.of("rpm", 1726.0));
        }

        @Test
        void decodesAWholeFrameInOrder() {
            Map<String, String> frame = new LinkedHashMap<>();
            frame.put("0C", "1AF8");
            frame.put("0D", "3C");
            frame.put("05", "7B");
            frame.put("0F", "3C");
            frame.put("11", "33");
            frame.put("2F", "80");
            frame.put("42", "3A98");
            frame.put("A6", "00012D4C");

            Map<String, Double> values = ObdDecoder.mode01(frame);

            assertThat(values.keySet()).containsExactly("rpm", "speedKmh", "coolantC", "intakeAirC", "throttlePct",
                    "fuelPct", "batteryV", "odometerKm");
            assertThat(values).containsEntry("rpm", 1726.0).containsEntry("speedKmh", 60.0)
                    .containsEntry("coolantC", 83.0).containsEntry("intakeAirC", 20.0)
                    .containsEntry("throttlePct", 20.0).containsEntry("batteryV", 15.0)
                    .containsEntry("odometerKm", 7713.2);
        }

        @Test
        void nothingGivenIsNothingDecoded() {
            assertThat(ObdDecoder.mode01(Map.of())).isEmpty();
            assertThat(ObdDecoder.mode01(null)).isEmpty();
        }

        @ParameterizedTest(name = "PID {0} = \"{1}\" refused: {2} {3}")
        @CsvSource({
                "0C, 1AF,        pids.0C, hex",
                "0C, 1AG8,       pids.0C, hex",
                "0C, 1A-F8,      pids.0C, hex",
                "0C, ١AF8,       pids.0C, hex",
                "0C, 1A,         pids.0C, length",
                "0C, 1AF800,     pids.0C, length",
                "0C, '',         pids.0C, length",
                "0D, 3C3C,       pids.0D, length",
                "A6, 00012D,     pids.A6, length",
                "42, 3A,         pids.42, length",
                "00, BE3FA813,   pids.00, unsupported-pid",
                "20, 80000000,   pids.20, unsupported-pid",
                "0B, 64,         pids.0B, unsupported-pid",
                "ZZ, 64,         pids.ZZ, hex",
                "123, 64,        pids.123, hex",
                // decoded but impossible
                "0C, FFFF,       pids.0C, implausible",
                "0C, 9C44,       pids.0C, implausible",
                "05, FF,         pids.05, implausible",
                "0F, FF,         pids.0F, implausible",
                "42, FFFF,       pids.42, implausible",
                "A6, FFFFFFFF,   pids.A6, implausible",
        })
        void refusesMalformedUnsupportedAndImpossibleAnswers(String pid, String hex, String field, String rule) {
            assertThatThrownBy(() -> ObdDecoder.mode01(Map.of(pid, hex)))
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.field()).isEqualTo(field);
                        assertThat(e.rule()).isEqualTo(rule);
                    });
        }
    }

    @Nested
    class Mode03 {

        @ParameterizedTest(name = "\"{0}\" → {1}")
        @CsvSource(delimiter = '|', value = {
                // CAN: a count byte after 43
                "43 02 01 33 C1 58       | P0133 U0158",
                "4302013 3C158           | P0133 U0158",
                "43 00                   | ''",
                "43 01 03 00             | P0300",
                "43 02 C1 58 01 33       | P0133 U0158",
                // ISO 9141 / KWP: no count byte, 00 00 padding
                "43 01 33 C1 58 00 00    | P0133 U0158",
                "43 00 00 00 00 00 00    | ''",
                "43                      | ''",
                // letters and digits from the first byte (SAE J2012)
                "43 01 04 20             | P0420",
                "43 01 01 71             | P0171",
                "43 01 01 28             | P0128",
                "43 01 0A 0F             | P0A0F",
                "43 01 20 02             | P2002",
                "43 01 30 00             | P3000",
                "43 01 40 35             | C0035",
                "43 01 80 01             | B0001",
                "43 01 C1 00             | U0100",
                "43 01 F2 34             | U3234",
                // sorted and without duplicates
                "43 C1 00 01 33 01 33    | P0133 U0100",
                "43 03 C1 00 01 33 01 33 | P0133 U0100",
        })
        void decodesStoredTroubleCodes(String hex, String codes) {
            List<String> expected = codes.isEmpty() ? List.of() : Arrays.asList(codes.split(" "));
            assertThat(ObdDecoder.mode03(hex)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" refused: {1}")
        @CsvSource(delimiter = '|', value = {
                "43 02 01 33 C1 5       | hex",
                "43 02 01 33 C1 5G      | hex",
                "0x43 01 01 33          | hex",
                "''                     | mode03-reply",
                "41 02 01 33 C1 58      | mode03-reply",
                "47 01 33 C1 58 00 00   | mode03-reply",
                "43 03 01 33 C1 58      | mode03-reply",
                "43 05 01 33 C1 58 00 00    | mode03-reply",
        })
        void refusesWhatIsNotAModeThreeAnswer(String hex, String rule) {
            assertThatThrownBy(() -> ObdDecoder.mode03(hex))
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.field()).isEqualTo("dtc");
                        assertThat(e.rule()).isEqualTo(rule);
                    });
        }
    }

    @Nested
    class Plausibility {

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
                "rpm, 0", "rpm, 10000", "speedKmh, 0", "speedKmh, 255", "coolantC, -40", "coolantC, 150",
                "intakeAirC, -40", "intakeAirC, 120", "throttlePct, 0", "throttlePct, 100", "fuelPct, 100",
                "batteryV, 0", "batteryV, 30", "odometerKm, 0", "odometerKm, 2000000",
        })
        void acceptsTheEndsOfEachRange(String measure, double value) {
            ObdDecoder.checkPlausible(measure, value);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
                "rpm, -1", "rpm, 10000.25", "speedKmh, -0.1", "speedKmh, 256", "coolantC, -41", "coolantC, 151",
                "intakeAirC, -41", "intakeAirC, 121", "throttlePct, -1", "throttlePct, 100.1", "fuelPct, -0.5",
                "fuelPct, 101", "batteryV, -1", "batteryV, 30.1", "odometerKm, -1", "odometerKm, 2000000.1",
                "rpm, NaN", "batteryV, Infinity",
        })
        void refusesValuesNoCarReports(String measure, double value) {
            assertThatThrownBy(() -> ObdDecoder.checkPlausible(measure, value))
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.field()).isEqualTo("values." + measure);
                        assertThat(e.rule()).isEqualTo("implausible");
                    });
        }

        @Test
        void refusesAnUnknownMeasure() {
            assertThatThrownBy(() -> ObdDecoder.checkPlausible("boostKpa", 100))
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.field()).isEqualTo("values.boostKpa");
                        assertThat(e.rule()).isEqualTo("unknown-measure");
                    });
        }
    }
}
