package io.axle.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.session.DeviceSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A run started with {@code simulate}: its sensors publish through the in-process broker until the run ends. */
class SimulatedRunTest extends GatewayTestSupport {

    @Autowired
    private RunSimulator simulator;
    @Autowired
    private DeviceSessions sessions;

    @Test
    void simulatedSensorsPublishUntilTheRunEnds() throws InterruptedException {
        String runId = startRun(600, 1, Map.of("simulate", Map.of("sensors", 2)));

        List<JsonNode> readings = awaitReadings(runId, 4);
        assertThat(readings).extracting(reading -> reading.get("sensorId").asText()).contains("sim-1", "sim-2")
                .allMatch(sensorId -> sensorId.equals("sim-1") || sensorId.equals("sim-2"));
        assertThat(readings).allSatisfy(reading -> {
            assertThat(reading.get("source").asText()).isEqualTo("simulator");
            assertThat(reading.get("temperature").asDouble()).isBetween(15.0, 25.0);
            assertThat(reading.get("humidity").asDouble()).isBetween(30.0, 70.0);
            assertThat(reading.get("pressure").asDouble()).isBetween(995.0, 1031.0);
        });
        assertThat(sessions.find("axle-sim-" + runId + "-1")).isNotNull();
        assertThat(simulator.simulatedRuns()).contains(runId);

        completeRun(runId, 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> !simulator.simulatedRuns().contains(runId));
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.find("axle-sim-" + runId + "-1") == null);
        // every reading the stopped sensors sent is on Kafka (its PUBACK waited for that): read up to the end
        int afterEnd = recordsUpToNowOf(runId).size();
        Thread.sleep(2500);
        assertThat(recordsUpToNowOf(runId)).as("no readings once the run ended").hasSize(afterEnd);
    }

    @Test
    void aSimulationStopsByItselfWhenTheRunsDurationIsOver() {
        String runId = startRun(3, 1, Map.of("simulate", 1));

        awaitReadings(runId, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> !simulator.simulatedRuns().contains(runId));
        assertThat(recordsOf(runId)).extracting(record -> json(record.value()).get("sensorId").asText())
                .containsOnly("sim-1");
    }
}
