/** Messages of simulation runs: the RunSlots aggregate that owns the global cap, the SimulationRun aggregate and their read models. */
package io.axle.api.run;
