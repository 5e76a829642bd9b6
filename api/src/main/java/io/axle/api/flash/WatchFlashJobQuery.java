package io.axle.api.flash;

/** A subscription to one flash job: its view now, then each view after an event changed it (live progress). */
public record WatchFlashJobQuery(String flashJobId) {
}
