package io.axle.api.run;

/** A run that ended gave its slot back; {@code holders} counts the runs still holding one. */
public record RunSlotReleasedEvent(String slotsId, String runId, int holders) {
}
