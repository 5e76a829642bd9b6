package io.axle.api.run;

/** Subscribes to changes of runs ({@link RunView}); a null run id watches every run. */
public record WatchRunsQuery(String runId) {
}
