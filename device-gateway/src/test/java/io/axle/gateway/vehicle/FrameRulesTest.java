package io.axle.gateway.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The frame rules: what a dongle's frame decodes to, and how each broken rule is named. */
class FrameRulesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FrameRules rules = new FrameRules(Clock.fixed(NOW, ZoneOffset.UTC));

    private CheckedFrame check(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            return rules.check(tree);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ReadingRefusedException refusal(String json) {
        try {
            check(json);
        } catch (ReadingRefusedException refused) {
            return refused;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Nested
    class Decoding {

        @Test
        void theIssuesFrameDecodesWithTheJ1979Formulas() {
            CheckedFrame frame = check("""
                    {"at":"2025-06-01T11:59:58Z","pids":{"0C":"1AF8","0D":"3C","05":"7B","42":"3A98","2F":"80",
                     "A6":"00012D4C"},"dtc":"43 02 01 33 C1 58"}""");

            assertThat(frame.at()).isEqualTo(Instant.parse("2025-06-01T11:59:58Z"));
            assertThat(frame.receivedAt()).isEqualTo(NOW);
            assertThat(frame.values()).containsEntry("rpm", 1726.0).containsEntry("speedKmh", 60.0)
                    .containsEntry("coolantC", 83.0).containsEntry("batteryV", 15.0)
                    .containsEntry("odometerKm", 7713.2);
            assertThat(frame.values().get("fuelPct")).isCloseTo(50.2, within(0.01));
            assertThat(frame.troubleCodes()).containsExactly("P0133", "U0158");
        }

        @Test
        void aFrameWithoutModeThreeAnswerCarriesNoTroubleCodes() {
            CheckedFrame frame = check("{\"at\":\"2025-06-01T12:00:00+02:00\",\"pids\":{\"0D\":\"00\"}}");

            assertThat(frame.troubleCodes()).isNull();
            assertThat(frame.values()).containsExactly(java.util.Map.entry("speedKmh", 0.0));
        }

        @Test
        void anEmptyModeThreeAnswerMeansNoCode() {
            assertThat(check("{\"at\":\"2025-06-01T12:00:00Z\",\"dtc\":\"43 00 00 00 00 00 00\"}").troubleCodes()).isEmpty();
        }

        @Test
        void decodedValuesAndCodesAreTakenAsTheyAre() {
            CheckedFrame frame = check("""
                    {"at":"2025-06-01T12:00:00Z","values":{"rpm":800,"batteryV":12.6},"troubleCodes":["p0133"]}""");

            assertThat(frame.values()).containsEntry("rpm", 800.0).containsEntry("batteryV", 12.6).hasSize(2);
            assertThat(frame.troubleCodes()).containsExactly("P0133");
        }
    }

    @Nested
    class Refusals {

        @Test
        void atIsRequiredAndAnIsoInstant() {
            assertThat(refusal("{\"pids\":{\"0D\":\"3C\"}}")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.field()).isEqualTo("at");
                assertThat(r.rule()).isEqualTo("required");
            });
            assertThat(refusal("{\"at\":\"yesterday\",\"pids\":{\"0D\":\"3C\"}}").rule()).isEqualTo("iso-8601");
            assertThat(refusal("{\"at\":12,\"pids\":{\"0D\":\"3C\"}}").rule()).isEqualTo("invalid-type");
        }

        @Test
        void atMayBeAFewMinutesAheadButNoMore() {
            check("{\"at\":\"2025-06-01T12:04:59Z\",\"pids\":{\"0D\":\"3C\"}}");

            ReadingRefusedException ahead = refusal("{\"at\":\"2025-06-01T12:05:01Z\",\"pids\":{\"0D\":\"3C\"}}");
            assertThat(ahead.field()).isEqualTo("at");
            assertThat(ahead.rule()).isEqualTo("not-in-future");
        }

        @Test
        void malformedHexIsABadRequestNamingThePid() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\",\"pids\":{\"0C\":\"1XF8\"}}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("pids.0C");
            assertThat(refused.rule()).isEqualTo("hex");
        }

        @Test
        void aWrongByteCountIsNamed() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\",\"pids\":{\"0C\":\"1A\"}}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.rule()).isEqualTo("length");
        }

        @Test
        void anUnsupportedPidIsUnprocessable() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\",\"pids\":{\"1F\":\"0010\"}}");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.field()).isEqualTo("pids.1F");
            assertThat(refused.rule()).isEqualTo("unsupported-pid");
        }

        @Test
        void anImpossibleDecodedValueIsRefused() {
            ReadingRefusedException refused = refusal(
                    "{\"at\":\"2025-06-01T12:00:00Z\",\"values\":{\"coolantC\":900}}");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.field()).isEqualTo("values.coolantC");
            assertThat(refused.rule()).isEqualTo("implausible");
        }

        @Test
        void aValueOfNoMeasureIsRefused() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\",\"values\":{\"warp\":9}}");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.field()).isEqualTo("values.warp");
            assertThat(refused.rule()).isEqualTo("unknown-measure");
        }

        @Test
        void aModeThreeAnswerStartsWith43() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\",\"dtc\":\"41 0C 1A F8\"}");

            assertThat(refused.field()).isEqualTo("dtc");
            assertThat(refused.rule()).isEqualTo("mode03-reply");
        }

        @Test
        void rawAndDecodedFormsAreNotMixed() {
            ReadingRefusedException refused = refusal(
                    "{\"at\":\"2025-06-01T12:00:00Z\",\"pids\":{\"0D\":\"3C\"},\"values\":{\"rpm\":800}}");

            assertThat(refused.field()).isEqualTo("values");
            assertThat(refused.rule()).isEqualTo(FrameRules.ONE_FORM);
        }

        @Test
        void everyShapeViolationIsReportedAtOnce() {
            ReadingRefusedException refused = refusal("""
                    {"speed":3,"troubleCodes":["P0133","X1"],"dtc":null}""");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("speed", FrameRules.UNKNOWN_FIELD),
                    org.assertj.core.groups.Tuple.tuple("at", "required"),
                    org.assertj.core.groups.Tuple.tuple("troubleCodes[1]", "pattern"));
        }

        @Test
        void aFrameCarriesSomething() {
            ReadingRefusedException refused = refusal("{\"at\":\"2025-06-01T12:00:00Z\"}");

            assertThat(refused.field()).isEqualTo("pids");
            assertThat(refused.rule()).isEqualTo(FrameRules.EMPTY_FRAME);
        }

        @Test
        void notAnObjectIsMalformed() {
            assertThat(refusal("[1,2]").rule()).isEqualTo("malformed-json");
            assertThat(refusal("[1,2]").field()).isNull();
            assertThat(List.of(refusal("\"x\"").status())).containsExactly(400);
        }
    }
}
