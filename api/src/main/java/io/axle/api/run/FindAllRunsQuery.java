package io.axle.api.run;

/** Asks for every run, newest first (the seed {@code GET /api/runs/all}). */
public record FindAllRunsQuery() {
}
