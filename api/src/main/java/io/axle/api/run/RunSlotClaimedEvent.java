package io.axle.api.run;

/** A run took one of the global slots; {@code holders} counts the runs holding a slot after this one. */
public record RunSlotClaimedEvent(String slotsId, String runId, int holders) {
}
