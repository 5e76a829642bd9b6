package io.axle.command.vehicle;

/**
 * A fleet alarm rule: {@code measure} (a {@link io.axle.api.vehicle.VehicleMeasures} name) beyond {@code limit}
 * raises it, upwards when {@code above}, downwards otherwise; it clears once the value is back within the limit by
 * {@code hysteresis}.
 */
public record AlarmRule(String name, String measure, boolean above, double limit, double hysteresis) {

    /** Whether {@code value} is beyond {@code limit} (raising the alarm). */
    public boolean beyond(double value, double limit) {
        return above ? value > limit : value < limit;
    }

    /** Whether {@code value} is back within {@code limit} by the hysteresis (clearing the alarm). */
    public boolean backWithin(double value, double limit) {
        return above ? value <= limit - hysteresis : value >= limit + hysteresis;
    }
}
