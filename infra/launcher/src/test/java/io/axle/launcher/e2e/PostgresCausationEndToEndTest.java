package io.axle.launcher.e2e;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The causation and as-of scenarios with the event store on the machine's PostgreSQL (profile `postgres`). */
class PostgresCausationEndToEndTest extends CausationScenarios {

    private final PostgresDatabase database = PostgresDatabase.create("axle_why");

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
