package io.axle.api.flash;

/** Asks for one flash job's view; answers null for an unknown one. */
public record FindFlashJobQuery(String flashJobId) {
}
