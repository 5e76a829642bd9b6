package io.axle.gateway.registry;

/** Answers where a run stands; the ingestion rules depend on this and nothing more. */
@FunctionalInterface
public interface RunStates {

    RunState stateOf(String runId);
}
