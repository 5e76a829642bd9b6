package io.axle.gateway.simulator;

import java.util.random.RandomGenerator;

/**
 * A plausible indoor sensor: temperature around 20 °C (15 to 25), humidity 30 to 70 %, pressure around 1013 hPa, each
 * a random walk pulled back towards its centre so that it wanders without drifting away.
 */
final class SensorWalk {

    private final RandomGenerator random;
    private double temperature;
    private double humidity;
    private double pressure;

    SensorWalk(RandomGenerator random) {
        this.random = random;
        this.temperature = 20 + random.nextGaussian() * 1.5;
        this.humidity = 50 + random.nextGaussian() * 5;
        this.pressure = 1013 + random.nextGaussian() * 2;
        clamp();
    }

    /** The next values: {@code [temperature, humidity, pressure]}, rounded to two decimals. */
    double[] next() {
        temperature += 0.1 * (20 - temperature) + random.nextGaussian() * 0.3;
        humidity += 0.05 * (50 - humidity) + random.nextGaussian() * 1.0;
        pressure += 0.05 * (1013 - pressure) + random.nextGaussian() * 0.3;
        clamp();
        return new double[] {round(temperature), round(humidity), round(pressure)};
    }

    private void clamp() {
        temperature = Math.max(15, Math.min(25, temperature));
        humidity = Math.max(30, Math.min(70, humidity));
        pressure = Math.max(995, Math.min(1031, pressure));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
