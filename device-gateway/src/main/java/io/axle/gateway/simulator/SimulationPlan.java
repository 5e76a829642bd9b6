package io.axle.gateway.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * What a run's {@code params} ask of the simulator: {@code simulate: true} (with {@code sensors: n}, default 3),
 * {@code simulate: n}, or {@code simulate: {sensors: n}}; at most {@value #MAX_SENSORS} sensors.
 */
public record SimulationPlan(int sensors) {

    public static final int DEFAULT_SENSORS = 3;
    public static final int MAX_SENSORS = 50;

    /** The plan, or empty when the run is not to be simulated. */
    public static Optional<SimulationPlan> of(Map<String, Object> params) {
        if (params == null) {
            return Optional.empty();
        }
        Object simulate = params.get("simulate");
        Integer sensors;
        if (simulate instanceof Boolean on) {
            if (!on) {
                return Optional.empty();
            }
            sensors = count(params.get("sensors"));
        } else if (simulate instanceof Number number) {
            sensors = number.intValue();
        } else if (simulate instanceof Map<?, ?> options) {
            sensors = count(options.get("sensors"));
        } else if (simulate instanceof String text && text.equalsIgnoreCase("true")) {
            sensors = count(params.get("sensors"));
        } else {
            return Optional.empty();
        }
        int n = sensors == null ? DEFAULT_SENSORS : sensors;
        return Optional.of(new SimulationPlan(Math.max(1, Math.min(MAX_SENSORS, n))));
    }

    private static Integer count(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
