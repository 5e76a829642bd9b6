package io.axle.api.sensor;

/** Asks for the statistics of one run ({@link RunStatistics}; an empty one if nothing was read yet). */
public record FindRunStatisticsQuery(String runId) {
}
