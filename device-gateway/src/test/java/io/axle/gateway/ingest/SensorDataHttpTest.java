package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.registry.RunRegistry;
import io.axle.gateway.registry.RunState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/sensors/data} through the running gateway: roles, problems, and the record on Kafka. */
class SensorDataHttpTest extends GatewayTestSupport {

    @Autowired
    private RunRegistry runRegistry;

    @Test
    void aDeviceReadingIsOnKafkaWhenTheAnswerIs201() {
        String runId = startRun();
        String correlationId = UUID.randomUUID().toString();
        HttpResponse<String> answer = http("POST", "/api/sensors/data", deviceKey("http-1"),
                "{\"runId\":\"" + runId + "\",\"sensorId\":\"http-1\",\"temperature\":22.25,\"pressure\":1001}",
                "X-Correlation-Id", correlationId);

        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode accepted = json(answer.body());
        assertThat(accepted.get("runId").asText()).isEqualTo(runId);
        assertThat(accepted.get("sensorId").asText()).isEqualTo("http-1");
        assertThat(accepted.get("timestamp").asText()).isNotBlank();

        JsonNode reading = awaitReadings(runId, 1).get(0);
        assertThat(reading.get("readingId").asText()).isEqualTo(accepted.get("id").asText());
        assertThat(reading.get("temperature").asDouble()).isEqualTo(22.25);
        assertThat(reading.get("pressure").asDouble()).isEqualTo(1001.0);
        assertThat(reading.get("source").asText()).startsWith("apikey:device-");
        ConsumerRecord<String, String> record = recordsOf(runId).get(0);
        assertThat(header(record, "correlationId")).isEqualTo(correlationId);
        assertThat(header(record, "user")).startsWith("apikey:device-");
    }

    @Test
    void aDeviceKeySendsItsOwnDevicesReadingsOnly() {
        String runId = startRun();
        String key = deviceKey("http-3");

        HttpResponse<String> own = http("POST", "/api/sensors/data", key,
                "{\"runId\":\"" + runId + "\",\"sensorId\":\"http-3\",\"temperature\":20}");
        HttpResponse<String> unnamed = http("POST", "/api/sensors/data", key,
                "{\"runId\":\"" + runId + "\",\"temperature\":21}");
        HttpResponse<String> other = http("POST", "/api/sensors/data", key,
                "{\"runId\":\"" + runId + "\",\"sensorId\":\"http-4\",\"temperature\":22}");

        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(unnamed.statusCode()).as("a reading without sensorId is the key's device's").isEqualTo(201);
        assertThat(json(unnamed.body()).get("sensorId").asText()).isEqualTo("http-3");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other.body()).get("rule").asText()).isEqualTo("other-device");
        assertThat(json(other.body()).get("field").asText()).isEqualTo("sensorId");
        assertThat(awaitReadings(runId, 2)).extracting(reading -> reading.get("sensorId").asText())
                .containsOnly("http-3");
        assertThat(recordsUpToNowOf(runId)).as("nothing from another device").hasSize(2);
    }

    @Test
    void operatorsAndTechniciansMaySendReadingsButAnalystsMayNot() {
        String runId = startRun();
        String body = "{\"runId\":\"" + runId + "\",\"sensorId\":\"http-2\",\"temperature\":20}";

        assertThat(http("POST", "/api/sensors/data", apiKey("TECHNICIAN"), body).statusCode()).isEqualTo(201);
        assertThat(http("POST", "/api/sensors/data", apiKey("OPERATOR"), body).statusCode()).isEqualTo(201);
        HttpResponse<String> analyst = http("POST", "/api/sensors/data", apiKey("ANALYST"), body);
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aReadingForAnEndedRunIsA409Problem() {
        String runId = startRun();
        completeRun(runId, 1);
        // the registry learns of the end from its processor, a moment after the event is stored
        await().atMost(Duration.ofSeconds(30)).until(() -> runRegistry.stateOf(runId) == RunState.ENDED);

        HttpResponse<String> answer = http("POST", "/api/sensors/data", deviceKey("late"),
                "{\"runId\":\"" + runId + "\",\"sensorId\":\"late\",\"temperature\":20}");

        assertThat(answer.statusCode()).isEqualTo(409);
        JsonNode problem = json(answer.body());
        assertThat(problem.get("field").asText()).isEqualTo("runId");
        assertThat(problem.get("rule").asText()).isEqualTo("run-not-running");
        assertThat(problem.get("correlationId").asText()).isNotBlank();
        assertThat(recordsOf(runId)).isEmpty();
    }

    @Test
    void aReadingForAnUnknownRunIsA422Problem() {
        HttpResponse<String> answer = http("POST", "/api/sensors/data", deviceKey("s"),
                "{\"runId\":\"" + UUID.randomUUID() + "\",\"sensorId\":\"s\",\"temperature\":20}");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(json(answer.body()).get("rule").asText()).isEqualTo("run-unknown");
    }

    @Test
    void malformedJsonIsA400Problem() {
        HttpResponse<String> answer = http("POST", "/api/sensors/data", deviceKey("s"), "{\"runId\":");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer.body()).get("rule").asText()).isEqualTo("malformed-json");
    }
}
