/** Simulation runs: the RunSlots aggregate that guards the cluster-wide cap, the SimulationRun aggregate and their endpoints. */
package io.axle.command.run;
