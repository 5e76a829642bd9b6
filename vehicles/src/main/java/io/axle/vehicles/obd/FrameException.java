package io.axle.vehicles.obd;

/**
 * An OBD-II answer that cannot be decoded or holds an impossible value. {@link #field()} says where, like
 * {@code pids.0C}, {@code dtc} or {@code values.rpm}; {@link #rule()} what is wrong: {@code hex} (not hexadecimal
 * bytes), {@code length} (not the PID's byte count), {@code unsupported-pid}, {@code implausible},
 * {@code unknown-measure} or {@code mode03-reply} (not a mode 03 answer).
 */
public class FrameException extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public FrameException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    /** Where in the frame: {@code pids.<PID>}, {@code dtc} or {@code values.<measure>}. */
    public String field() {
        return field;
    }

    /** The broken rule, as the API's problem responses name it. */
    public String rule() {
        return rule;
    }
}
