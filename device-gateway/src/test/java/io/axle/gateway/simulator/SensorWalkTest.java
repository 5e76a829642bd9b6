package io.axle.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The simulated values stay plausible however long a run lasts, and they do move. */
class SensorWalkTest {

    @Test
    void valuesStayWithinTheirBandsAndWander() {
        SensorWalk walk = new SensorWalk(new SplittableRandom(42));
        double minTemperature = Double.MAX_VALUE;
        double maxTemperature = -Double.MAX_VALUE;
        for (int i = 0; i < 100_000; i++) {
            double[] values = walk.next();
            assertThat(values[0]).isBetween(15.0, 25.0);
            assertThat(values[1]).isBetween(30.0, 70.0);
            assertThat(values[2]).isBetween(995.0, 1031.0);
            minTemperature = Math.min(minTemperature, values[0]);
            maxTemperature = Math.max(maxTemperature, values[0]);
        }
        assertThat(maxTemperature - minTemperature).as("a walk, not a constant").isGreaterThan(2);
    }
}
