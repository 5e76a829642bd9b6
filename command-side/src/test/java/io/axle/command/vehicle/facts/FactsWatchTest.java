package io.axle.command.vehicle.facts;

import io.axle.api.vehicle.ObdFrame;
import io.axle.api.vehicle.ReportThresholdCommand;
import io.axle.api.vehicle.ReportTroubleCodesCommand;
import io.axle.command.vehicle.VehicleAlarmRules;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The watcher's state machine: what each frame calls for, hysteresis included. */
class FactsWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final VehicleAlarmRules rules = new VehicleAlarmRules(new LinkedHashMap<>(Map.of(
            "coolant-high", new VehicleAlarmRules.Alarm("coolantC", 110.0, null, 5.0),
            "battery-low", new VehicleAlarmRules.Alarm("batteryV", null, 11.8, 0.3))));
    private final FactsWatch watch = new FactsWatch(rules);
    private int frames;

    private ObdFrame frame(Map<String, Double> values, List<String> codes) {
        frames++;
        return new ObdFrame("f-" + frames, "v-1", "dongle-7", T0.plusSeconds(frames), T0.plusSeconds(frames),
                values, codes);
    }

    /** Applies a frame as the listener does when the vehicle accepts everything, answering what was sent. */
    private List<Object> seen(ObdFrame frame, Map<String, Double> limits) {
        List<Object> commands = watch.changes(frame, limits);
        commands.forEach(watch::told);
        return commands;
    }

    private List<Object> coolant(double value) {
        return seen(frame(Map.of("coolantC", value), null), Map.of());
    }

    private static ReportThresholdCommand alarm(Object command) {
        return (ReportThresholdCommand) command;
    }

    @Nested
    class Thresholds {

        @Test
        void raisesAboveTheLimitAndClearsOnlyBelowTheLimitLessTheHysteresis() {
            assertThat(coolant(100)).singleElement().satisfies(c -> assertThat(alarm(c).crossed()).isFalse());
            assertThat(coolant(110)).isEmpty();
            assertThat(coolant(110.5)).singleElement().satisfies(c -> {
                assertThat(alarm(c).crossed()).isTrue();
                assertThat(alarm(c).value()).isEqualTo(110.5);
                assertThat(alarm(c).limit()).isEqualTo(110.0);
                assertThat(alarm(c).rule()).isEqualTo("coolant-high");
            });
            assertThat(coolant(108)).as("within the hysteresis band").isEmpty();
            assertThat(coolant(112)).as("still raised").isEmpty();
            assertThat(coolant(105.1)).isEmpty();
            assertThat(coolant(105)).singleElement().satisfies(c -> assertThat(alarm(c).crossed()).isFalse());
            assertThat(coolant(107)).isEmpty();
        }

        @Test
        void aBelowRuleRaisesUnderItsLimit() {
            assertThat(seen(frame(Map.of("batteryV", 11.7), null), Map.of())).singleElement()
                    .satisfies(c -> assertThat(alarm(c).crossed()).isTrue());
            assertThat(seen(frame(Map.of("batteryV", 12.0), null), Map.of())).isEmpty();
            assertThat(seen(frame(Map.of("batteryV", 12.1), null), Map.of())).singleElement()
                    .satisfies(c -> assertThat(alarm(c).crossed()).isFalse());
        }

        @Test
        void theVehiclesOwnLimitReplacesTheFleets() {
            assertThat(seen(frame(Map.of("coolantC", 106.0), null), Map.of("coolant-high", 105.0)))
                    .singleElement().satisfies(c -> {
                        assertThat(alarm(c).crossed()).isTrue();
                        assertThat(alarm(c).limit()).isEqualTo(105.0);
                    });
        }

        @Test
        void nothingIsToldUntilTheVehicleAcceptedIt() {
            ObdFrame hot = frame(Map.of("coolantC", 120.0), null);
            assertThat(watch.changes(hot, Map.of())).hasSize(1);
            assertThat(watch.changes(hot, Map.of())).as("a refused report is reported again").hasSize(1);
        }

        @Test
        void aMeasureMissingFromTheFrameChangesNothing() {
            assertThat(seen(frame(Map.of("rpm", 900.0), null), Map.of())).isEmpty();
        }
    }

    @Nested
    class TroubleCodes {

        @Test
        void onlyAChangedSetIsReported() {
            assertThat(seen(frame(Map.of(), List.of("P0133")), Map.of())).singleElement()
                    .isInstanceOfSatisfying(ReportTroubleCodesCommand.class,
                            c -> assertThat(c.codes()).containsExactly("P0133"));
            assertThat(seen(frame(Map.of(), List.of("P0133")), Map.of())).isEmpty();
            assertThat(seen(frame(Map.of(), null), Map.of())).as("a frame without mode 03").isEmpty();
            assertThat(seen(frame(Map.of(), List.of("U0158", "P0133")), Map.of())).singleElement()
                    .isInstanceOfSatisfying(ReportTroubleCodesCommand.class,
                            c -> assertThat(c.codes()).containsExactly("P0133", "U0158"));
            assertThat(seen(frame(Map.of(), List.of()), Map.of())).singleElement()
                    .isInstanceOfSatisfying(ReportTroubleCodesCommand.class, c -> assertThat(c.codes()).isEmpty());
        }
    }

    @Nested
    class Rules {

        @Test
        void aRuleWithAnUnknownMeasureOrNoLimitStopsTheStart() {
            assertThatThrownBy(() -> new VehicleAlarmRules(Map.of("x", new VehicleAlarmRules.Alarm("oil", 1.0,
                    null, 0.0)))).hasMessageContaining("x.measure");
            assertThatThrownBy(() -> new VehicleAlarmRules(Map.of("x", new VehicleAlarmRules.Alarm("rpm", null,
                    null, 0.0)))).hasMessageContaining("exactly one of 'above' and 'below'");
            assertThatThrownBy(() -> new VehicleAlarmRules(Map.of("x", new VehicleAlarmRules.Alarm("rpm", 6500.0,
                    null, -1.0)))).hasMessageContaining("hysteresis");
        }
    }
}
