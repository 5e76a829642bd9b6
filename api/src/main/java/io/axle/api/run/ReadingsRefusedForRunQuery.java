package io.axle.api.run;

/**
 * Asks the device gateway whether it refuses readings for a run because the run ended ({@link Boolean}). The gateway
 * settles its shared run registry from the event store before answering, so a {@code true} holds on every gateway
 * node from then on; {@code false} means the event store shows no end of the run.
 */
public record ReadingsRefusedForRunQuery(String runId) {
}
