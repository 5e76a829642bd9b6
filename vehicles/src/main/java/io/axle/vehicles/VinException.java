package io.axle.vehicles;

/**
 * A VIN that cannot be a VIN. {@link #rule()} names the broken rule: {@code vin-length} (not 17 characters once
 * spaces and hyphens are dropped), {@code vin-characters} (I, O, Q or anything but digits and letters) or
 * {@code vin-check-digit} (position 9 wrong where the check digit is mandatory, WMI starting 1–5).
 */
public class VinException extends IllegalArgumentException {

    private final String rule;

    public VinException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The broken rule, as the API's problem responses name it. */
    public String rule() {
        return rule;
    }
}
