package io.axle.api.run;

/** Where a simulation run stands; only RUNNING holds one of the global slots. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, INTERRUPTED
}
