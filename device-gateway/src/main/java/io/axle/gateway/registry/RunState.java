package io.axle.gateway.registry;

/** What the gateway needs to know about a run before it accepts a reading for it. */
public enum RunState {
    /** The run exists and has not ended: readings are welcome. */
    RUNNING,
    /** The run completed, was interrupted or failed: readings are refused. */
    ENDED,
    /** No such run (yet): readings are refused. */
    UNKNOWN
}
