package io.axle.launcher.e2e;

import java.util.Map;

/** The causation and as-of scenarios on the one-process defaults: H2 file event store, embedded read store. */
class EmbeddedCausationEndToEndTest extends CausationScenarios {

    @Override
    Map<String, String> storageProperties() {
        return Map.of();
    }
}
