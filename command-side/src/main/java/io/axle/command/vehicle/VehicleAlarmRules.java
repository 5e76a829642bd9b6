package io.axle.command.vehicle;

import io.axle.api.vehicle.VehicleMeasure;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's alarm rules, from {@code axle.vehicles.alarms.<rule>.{measure, above | below, hysteresis}}: the limit
 * is given as {@code above} (raised when the value exceeds it) or {@code below} (raised when the value falls under
 * it). Checked when the application starts: a rule naming an unknown measure, both or neither of {@code above} and
 * {@code below}, or a negative hysteresis stops the start with the rule named.
 */
@ConfigurationProperties("axle.vehicles")
public class VehicleAlarmRules {

    /** Bounds of any limit a vehicle may be given, whatever the measure (an odometer in km is the largest). */
    public static final double MAX_LIMIT = 10_000_000;
    public static final double MIN_LIMIT = -100;

    private final Map<String, AlarmRule> rules = new LinkedHashMap<>();

    public VehicleAlarmRules(Map<String, Alarm> alarms) {
        (alarms == null ? Map.<String, Alarm>of() : alarms).forEach((name, alarm) -> rules.put(name, alarm.rule(name)));
    }

    /** The rule of that name, empty for one not configured. */
    public Optional<AlarmRule> rule(String name) {
        return Optional.ofNullable(name == null ? null : rules.get(name));
    }

    /** Every configured rule, in configuration order. */
    public Iterable<AlarmRule> all() {
        return rules.values();
    }

    /** One rule as configured. */
    public record Alarm(String measure, Double above, Double below, Double hysteresis) {

        AlarmRule rule(String name) {
            if (measure == null || !VehicleMeasure.KEYS.contains(measure)) {
                throw new IllegalStateException("axle.vehicles.alarms." + name + ".measure must be one of "
                        + VehicleMeasure.KEYS + ", was " + measure);
            }
            if ((above == null) == (below == null)) {
                throw new IllegalStateException("axle.vehicles.alarms." + name
                        + " needs exactly one of 'above' and 'below' (the limit)");
            }
            double limit = above != null ? above : below;
            if (!Double.isFinite(limit) || limit < MIN_LIMIT || limit > MAX_LIMIT) {
                throw new IllegalStateException("axle.vehicles.alarms." + name + " limit must be between "
                        + MIN_LIMIT + " and " + MAX_LIMIT + ", was " + limit);
            }
            double band = hysteresis == null ? 0 : hysteresis;
            if (!Double.isFinite(band) || band < 0) {
                throw new IllegalStateException("axle.vehicles.alarms." + name
                        + ".hysteresis must be zero or more, was " + hysteresis);
            }
            return new AlarmRule(name, measure, above != null, limit, band);
        }
    }
}
