package io.axle.query.run;

/**
 * How many runs hold one of the global run slots, per the runs read model ({@link Long}). Slots are given back by the
 * run saga after the run has ended, so this count, not the number of RUNNING runs, is what decides whether a start
 * would be accepted.
 */
public record HeldRunSlotsQuery() {
}
