package io.axle.command.vehicle;

/**
 * A fleet alarm rule: {@code measure} (a {@link io.axle.api.vehicle.VehicleMeasure} name) beyond {@code limit}
 * raises it, upwards when {@code above}, downwards otherwise; it clears once the value is back within the limit by
 * {@code hysteresis}.
 */
public record AlarmRule(String name, String measure, boolean above, double limit, double hysteresis) {

    /** How far below the hysteresis a distance may fall from rounding and still count as reaching it. */
    static final double TOLERANCE = 1e-9;

    /** Whether {@code value} is beyond {@code limit} (raising the alarm). */
    public boolean beyond(double value, double limit) {
        return above ? value > limit : value < limit;
    }

    /**
     * Whether {@code value} is back within {@code limit} by the hysteresis (clearing the alarm); a value on the edge
     * of the band counts as back (within {@link #TOLERANCE}, so that 12.1 clears 11.8 + 0.3).
     */
    public boolean backWithin(double value, double limit) {
        double distance = above ? limit - value : value - limit;
        return distance >= hysteresis - TOLERANCE;
    }
}
