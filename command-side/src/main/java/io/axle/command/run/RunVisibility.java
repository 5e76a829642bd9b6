package io.axle.command.run;

import java.util.Collection;

/**
 * Waits, for a bounded time, until what a run command decided can be seen by the rest of Axle, so that an endpoint
 * answers only once a read that follows shows it. {@code false} means the bound passed first: the change is decided
 * and will show, but a read may not show it yet.
 */
interface RunVisibility {

    /** Whether the run is in the runs read model (which counts its slot as held). */
    boolean started(String runId);

    /**
     * Whether every run shows as ended in the runs read model and the device gateway refuses readings for it on every
     * node.
     */
    boolean ended(Collection<String> runIds);
}
