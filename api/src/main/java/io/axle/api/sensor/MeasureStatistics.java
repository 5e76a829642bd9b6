package io.axle.api.sensor;

/** Count, minimum, maximum and average of one measure; null figures where nothing was measured. */
public record MeasureStatistics(long count, Double min, Double max, Double average) {
}
