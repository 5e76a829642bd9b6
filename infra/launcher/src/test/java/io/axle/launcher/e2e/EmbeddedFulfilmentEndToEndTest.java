package io.axle.launcher.e2e;

import java.util.Map;

/** The fulfilment scenarios on the one-process defaults: H2 file event store, embedded MongoDB wire server. */
class EmbeddedFulfilmentEndToEndTest extends FulfilmentScenarios {

    @Override
    Map<String, String> storageProperties() {
        return Map.of();
    }
}
