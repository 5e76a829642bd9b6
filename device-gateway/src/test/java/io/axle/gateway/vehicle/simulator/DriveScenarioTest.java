package io.axle.gateway.vehicle.simulator;

import io.axle.api.vehicle.VehicleMeasure;
import io.axle.vehicles.Plates;
import io.axle.vehicles.Vins;
import io.axle.vehicles.obd.ObdDecoder;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated car as the gateway decodes it: every frame's hex decodes to plausible values close to the car's own,
 * coolant only warms until it is warm, speed and RPM follow each other, the odometer grows by the distance driven,
 * faults show in the next frames, and the enrolment data is valid.
 */
class DriveScenarioTest {

    private static final double STEP = 1;

    @RepeatedTest(20)
    void framesDecodeToPlausibleValuesAndTheCarStartsColdAndWarms() {
        DriveScenario car = new DriveScenario(new SplittableRandom());
        List<Map<String, Double>> decoded = new ArrayList<>();
        double distance = 0;
        for (int i = 0; i < 900; i++) {
            Map<String, Double> values = car.step(STEP);
            values.forEach(ObdDecoder::checkPlausible);
            Map<String, Double> frame = ObdDecoder.mode01(DriveScenario.pids(values));
            values.forEach((measure, value) -> assertThat(frame.get(measure)).as(measure).isCloseTo(value,
                    within(measure.equals(VehicleMeasure.ODOMETER_KM.key()) ? 0.11 : 0.6)));
            if (i > 0) {
                distance += values.get(VehicleMeasure.SPEED_KMH.key()) * STEP / 3600;
            }
            decoded.add(frame);
        }
        Map<String, Double> first = decoded.get(0);
        assertThat(first.get(VehicleMeasure.COOLANT_C.key())).isBetween(5.0, 25.0);
        assertThat(first.get(VehicleMeasure.SPEED_KMH.key())).isZero();
        double previous = first.get(VehicleMeasure.COOLANT_C.key());
        int warmAt = -1;
        for (int i = 1; i < decoded.size() && warmAt < 0; i++) {
            double coolant = decoded.get(i).get(VehicleMeasure.COOLANT_C.key());
            assertThat(coolant).as("coolant at %d s", i).isGreaterThanOrEqualTo(previous);
            previous = coolant;
            if (coolant >= DriveScenario.WARM_C - 1) {
                warmAt = i;
            }
        }
        assertThat(warmAt).as("warm within 15 minutes").isPositive();
        assertThat(decoded.subList(warmAt, decoded.size()))
                .allSatisfy(frame -> assertThat(frame.get(VehicleMeasure.COOLANT_C.key())).isBetween(86.0, 94.0));
        assertThat(decoded).anySatisfy(frame -> assertThat(frame.get(VehicleMeasure.SPEED_KMH.key())).isGreaterThan(20));
        for (Map<String, Double> frame : decoded) {
            double speed = frame.get(VehicleMeasure.SPEED_KMH.key());
            double rpm = frame.get(VehicleMeasure.RPM.key());
            if (speed < 1) {
                assertThat(rpm).isBetween(700.0, 1300.0);
            } else {
                assertThat(rpm).isBetween(1100.0 + speed * 20, 1300.0 + speed * 24);
            }
        }
        double odometerGrowth = decoded.get(decoded.size() - 1).get(VehicleMeasure.ODOMETER_KM.key())
                - first.get(VehicleMeasure.ODOMETER_KM.key());
        assertThat(odometerGrowth).isPositive().isCloseTo(distance, within(0.25));
        assertThat(decoded.get(decoded.size() - 1).get(VehicleMeasure.FUEL_PCT.key()))
                .isLessThan(first.get(VehicleMeasure.FUEL_PCT.key()));
    }

    @Test
    void faultsShowInTheNextFrames() {
        DriveScenario car = new DriveScenario(new SplittableRandom(7));
        assertThat(ObdDecoder.mode03(car.dtc())).isEmpty();
        car.fault(DriveScenario.Fault.TROUBLE_CODE);
        assertThat(ObdDecoder.mode03(car.dtc())).containsExactly(DriveScenario.TROUBLE_CODE);
        car.fault(DriveScenario.Fault.CLEAR_CODES);
        assertThat(ObdDecoder.mode03(car.dtc())).isEmpty();

        car.fault(DriveScenario.Fault.LOW_BATTERY);
        car.fault(DriveScenario.Fault.OVERHEAT);
        Map<String, Double> values = Map.of();
        for (int i = 0; i < 600; i++) {
            values = ObdDecoder.mode01(DriveScenario.pids(car.step(STEP)));
        }
        assertThat(values.get(VehicleMeasure.BATTERY_V.key())).isLessThan(11.8);
        assertThat(values.get(VehicleMeasure.COOLANT_C.key())).isGreaterThan(110.0);
    }

    @Test
    void faultsAreNamedAsInThePath() {
        assertThat(DriveScenario.Fault.named("trouble-code")).isEqualTo(DriveScenario.Fault.TROUBLE_CODE);
        assertThat(DriveScenario.Fault.named("clear-codes")).isEqualTo(DriveScenario.Fault.CLEAR_CODES);
        assertThat(DriveScenario.Fault.named("low-battery")).isEqualTo(DriveScenario.Fault.LOW_BATTERY);
        assertThat(DriveScenario.Fault.named("overheat")).isEqualTo(DriveScenario.Fault.OVERHEAT);
        assertThat(DriveScenario.Fault.named("flat-tyre")).isNull();
    }

    @RepeatedTest(20)
    void simulatedVinsAndPlatesAreValid() {
        SplittableRandom random = new SplittableRandom();
        var vin = Vins.decode(SimulatedFleet.vin(random));
        assertThat(vin.checkDigitRequired()).isTrue();
        assertThat(vin.checkDigitValid()).isTrue();
        assertThat(vin.warnings()).isEmpty();
        assertThat(Plates.violation("FR", SimulatedFleet.plate(random))).isEmpty();
    }
}
