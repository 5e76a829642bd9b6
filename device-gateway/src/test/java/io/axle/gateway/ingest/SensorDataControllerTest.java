package io.axle.gateway.ingest;

import io.axle.platform.security.ApiKeyAuthenticationFilter.ApiKeyAuthentication;
import io.axle.platform.security.ApiKeys;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.axle.api.sensor.SensorReading;
import io.axle.gateway.registry.RunState;
import io.axle.platform.web.ProblemAdvice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The HTTP adapter with the real rules and ingestion in front of a recording publisher (no security): 201 only once
 * the stream took the reading, every refusal an RFC 7807 problem naming field and rule, and nothing published then.
 */
class SensorDataControllerTest {

    /** Built like the application's, which writes problem properties flat and instants as ISO-8601. */
    private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final List<SensorReading> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private volatile CompletableFuture<Void> streamAnswer = CompletableFuture.completedFuture(null);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        ReadingPublisher publisher = (reading, headers) -> {
            published.add(reading);
            return streamAnswer;
        };
        ReadingRules rules = new ReadingRules(runId -> switch (runId) {
            case "run-1" -> RunState.RUNNING;
            case "run-ended" -> RunState.ENDED;
            default -> RunState.UNKNOWN;
        }, Clock.systemUTC());
        ReadingIngestion ingestion = new ReadingIngestion(rules, publisher, objectMapper, meters);
        mvc = MockMvcBuilders.standaloneSetup(new SensorDataController(ingestion))
                .setControllerAdvice(new ProblemAdvice())
                .setMessageConverters(new ByteArrayHttpMessageConverter(),
                        new MappingJackson2HttpMessageConverter(objectMapper))
                .build();
    }

    private ResultActions send(String body) throws Exception {
        return mvc.perform(post("/api/sensors/data").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void anAcceptedReadingIs201WithItsIdOnceTheStreamHasIt() throws Exception {
        send("""
                {"runId":"run-1","sensorId":"s-1","temperature":21.5,"humidity":40,"pressure":1013.2,
                 "timestamp":"2025-06-01T12:00:00Z"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.runId").value("run-1"))
                .andExpect(jsonPath("$.sensorId").value("s-1"))
                .andExpect(jsonPath("$.timestamp").value("2025-06-01T12:00:00Z"))
                .andExpect(jsonPath("$.id").value(published.get(0).readingId()));

        SensorReading reading = published.get(0);
        assertThat(reading.temperature()).isEqualTo(21.5);
        assertThat(reading.humidity()).isEqualTo(40.0);
        assertThat(reading.pressure()).isEqualTo(1013.2);
        assertThat(meters.counter("sensor_data_ingested", "transport", "http").count()).isEqualTo(1);
    }

    @Test
    void twoReadingsWithTheSameTimestampOverHttpAreTwoReadings() throws Exception {
        String body = "{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":21,\"timestamp\":\"2025-06-01T12:00:00Z\"}";
        send(body).andExpect(status().isCreated());
        send(body).andExpect(status().isCreated());

        assertThat(published).extracting(SensorReading::readingId).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void theAnswerWaitsForTheStream() throws Exception {
        CompletableFuture<Void> slowStream = new CompletableFuture<>();
        streamAnswer = slowStream;
        long start = System.nanoTime();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> slowStream.complete(null));

        send("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":21}").andExpect(status().isCreated());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anUnavailableStreamIs503AndCountedAsFailed() throws Exception {
        streamAnswer = CompletableFuture.failedFuture(new TelemetryUnavailableException("Kafka is away", null));

        send("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":21}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("telemetry-unavailable"));
        assertThat(meters.counter("sensor_data_failed", "transport", "http").count()).isEqualTo(1);
        assertThat(meters.counter("sensor_data_ingested", "transport", "http").count()).isZero();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        refused("{\"runId\": ", 400, null, "malformed-json");
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        refused("", 400, null, "malformed-json");
    }

    @Test
    void aMissingTemperatureIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\"}", 400, "temperature", "required");
    }

    @Test
    void aBadSensorIdIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s 1\",\"temperature\":20}", 400, "sensorId", "pattern");
    }

    @Test
    void aTemperatureOutOfRangeIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":250}", 400, "temperature", "range");
    }

    @Test
    void aHumidityOutOfRangeIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":20,\"humidity\":101}", 400, "humidity",
                "range");
    }

    @Test
    void aPressureOutOfRangeIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":20,\"pressure\":50}", 400, "pressure",
                "range");
    }

    @Test
    void anUnreadableTimestampIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":20,\"timestamp\":\"noon\"}", 400,
                "timestamp", "iso-8601");
    }

    @Test
    void aTimestampFarInTheFutureIs400() throws Exception {
        refused("{\"runId\":\"run-1\",\"sensorId\":\"s-1\",\"temperature\":20,\"timestamp\":\"2999-01-01T00:00:00Z\"}",
                400, "timestamp", "not-in-future");
    }

    @Test
    void anUnknownRunIs422() throws Exception {
        refused("{\"runId\":\"run-x\",\"sensorId\":\"s-1\",\"temperature\":20}", 422, "runId", "run-unknown");
    }

    @Test
    void anEndedRunIs409() throws Exception {
        refused("{\"runId\":\"run-ended\",\"sensorId\":\"s-1\",\"temperature\":20}", 409, "runId",
                "run-not-running");
    }

    @Test
    void everyBrokenRuleIsListed() throws Exception {
        send("{\"sensorId\":\"s-1\",\"temperature\":500,\"pressure\":5}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("runId"))
                .andExpect(jsonPath("$.rule").value("required"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[1].field").value("temperature"))
                .andExpect(jsonPath("$.errors[2].field").value("pressure"));
        assertThat(published).isEmpty();
    }

    private void refused(String body, int status, String field, String rule) throws Exception {
        ResultActions answer = send(body)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.rule").value(rule))
                .andExpect(jsonPath("$.detail").isString());
        if (field == null) {
            answer.andExpect(jsonPath("$.field").doesNotExist());
        } else {
            answer.andExpect(jsonPath("$.field").value(field));
        }
        assertThat(published).as("a refused reading is never published").isEmpty();
        assertThat(meters.counter("sensor_data_rejected", "transport", "http", "rule", rule).count()).isEqualTo(1);
    }

    @Test
    void aDeviceKeyBoundToADeviceSendsThatDevicesReadingsOnly() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(new ApiKeys.ApiKey("k-1",
                "rig-7", "DEVICE", null, "t-7", java.time.Instant.now(), null)));
        try {
            send("{\"runId\":\"run-1\",\"sensorId\":\"t-8\",\"temperature\":21.5}")
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.field").value("sensorId"))
                    .andExpect(jsonPath("$.rule").value("other-device"));
            send("{\"runId\":\"run-1\",\"temperature\":21.5}")
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.sensorId").value("t-7"));
            assertThat(published).extracting(SensorReading::sensorId).containsExactly("t-7");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
