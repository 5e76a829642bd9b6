package io.axle.api.run;

/** The one RunSlots aggregate every node sends its start commands to, and the cap it guards. */
public record RunSlots() {

    /** Identifier of the single aggregate that owns the slots for the whole cluster. */
    public static final String ID = "simulation-run-slots";

    /** At most this many runs are RUNNING at once, across every node. */
    public static final int CAPACITY = 5;
}
