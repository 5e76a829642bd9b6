package io.axle.api.run;

/** Asks for a page of runs, newest first; a null status matches every run. */
public record ListRunsQuery(RunStatus status, int page, int size) {
}
