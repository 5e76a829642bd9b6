package io.axle.launcher.e2e;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The fulfilment scenarios with the event store on the machine's PostgreSQL (profile `postgres`). */
class PostgresFulfilmentEndToEndTest extends FulfilmentScenarios {

    private final PostgresDatabase database = PostgresDatabase.create("axle_e2e");

    @Override
    Map<String, String> storageProperties() {
        return database.properties();
    }

    @Override
    @AfterAll
    void shutDown() {
        try {
            super.shutDown();
        } finally {
            database.close();
        }
    }
}
