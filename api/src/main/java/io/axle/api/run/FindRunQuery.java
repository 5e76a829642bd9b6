package io.axle.api.run;

/** Asks for one run ({@link RunView}, or null if unknown). */
public record FindRunQuery(String runId) {
}
