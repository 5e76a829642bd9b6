package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.sensor.SensorReading;
import io.axle.gateway.registry.RunState;
import io.axle.platform.json.StrictJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a device sends over MQTT or HTTP, the payload parser and the reading rules answer one of two things: a
 * refusal with a 4xx status naming the rule, or a reading whose every value is within its documented range. Never
 * another exception (which would become a 5xx, or an MQTT error without a reason).
 */
class ReadingPayloadPropertiesTest {

    private static final ObjectMapper STRICT = StrictJson.apply(new ObjectMapper());
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("runId", "sensorId", "temperature", "humidity", "pressure",
            "timestamp");

    private final ReadingIngestion ingestion = new ReadingIngestion(
            new ReadingRules(runId -> runId.startsWith("run") ? RunState.RUNNING : RunState.UNKNOWN,
                    Clock.systemUTC()),
            (reading, headers) -> CompletableFuture.completedFuture(null), STRICT, new SimpleMeterRegistry());

    @Property(tries = 2000)
    void aPayloadIsRefusedWithA4xxOrBecomesASaneReading(@ForAll("payloads") String payload) {
        SensorReading reading;
        try {
            reading = ingestion.ingest(payload.getBytes(StandardCharsets.UTF_8), Map.of(),
                    new ReadingIngestion.Origin("mqtt", "device", "client", null, true)).join();
        } catch (ReadingRefusedException refused) {
            assertThat(refused.status()).as("status of the refusal of %s", payload).isBetween(400, 499);
            return;
        } catch (CompletionException failed) {
            throw new AssertionError("accepted, then failed: " + payload, failed);
        }
        assertThat(reading.runId()).startsWith("run").doesNotContainPattern("\\p{Cntrl}");
        assertThat(reading.sensorId()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
        assertThat(reading.temperature()).isBetween(-100.0, 200.0);
        if (reading.humidity() != null) {
            assertThat(reading.humidity()).isBetween(0.0, 100.0);
        }
        if (reading.pressure() != null) {
            assertThat(reading.pressure()).isBetween(300.0, 1100.0);
        }
        assertThat(reading.timestamp()).isBetween(Instant.parse("0001-01-01T00:00:00Z"), Instant.now().plusSeconds(600));
    }

    @Provide
    Arbitrary<String> payloads() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, readingObjects()),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                Tuple.of(1, readingObjects().map(json -> json.substring(0, json.length() / 2))),
                Tuple.of(1, readingObjects().map(json -> json + json)),
                Tuple.of(1, readingObjects().map(json -> json.replaceFirst("\\{", "{\"runId\":\"run-x\","))));
    }

    /** An object with each reading field absent, valid, or any JSON value, plus now and then an unknown field. */
    private static Arbitrary<String> readingObjects() {
        Arbitrary<String> runId = Arbitraries.oneOf(Arbitraries.just("\"run-1\""), jsonValues());
        Arbitrary<String> sensorId = Arbitraries.oneOf(Arbitraries.just("\"t-1\""), jsonValues());
        Arbitrary<String> temperature = Arbitraries.oneOf(Arbitraries.just("21.5"), jsonValues());
        Arbitrary<String> humidity = Arbitraries.oneOf(Arbitraries.just("40"), jsonValues());
        Arbitrary<String> pressure = Arbitraries.oneOf(Arbitraries.just("1013.2"), jsonValues());
        Arbitrary<String> timestamp = Arbitraries.oneOf(Arbitraries.just("\"2026-01-01T00:00:00Z\""), jsonValues());
        Arbitrary<List<Boolean>> present = Arbitraries.of(true, true, true, false).list().ofSize(FIELDS.size());
        return Combinators.combine(List.of(runId, sensorId, temperature, humidity, pressure, timestamp))
                .as(values -> values)
                .flatMap(values -> present.map(flags -> {
                    StringBuilder json = new StringBuilder("{");
                    for (int i = 0; i < FIELDS.size(); i++) {
                        if (flags.get(i)) {
                            if (json.length() > 1) {
                                json.append(',');
                            }
                            json.append('"').append(FIELDS.get(i)).append("\":").append(values.get(i));
                        }
                    }
                    return json.append('}').toString();
                }));
    }

    /** Any JSON value, with a bias towards what breaks parsers: huge or tiny numbers, control characters, odd dates. */
    private static Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "[]", "{}", "1e1000000", "-1e1000000", "1e400", "1e-400",
                        "9223372036854775808", "-0", "0.0000000000000000000000000000000000001", "\"NaN\"",
                        "\"Infinity\"", "\"-999999999-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"",
                        "\"0000-01-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
                        "\"\"", "\"   \"", "[1,2,3]", "{\"a\":{\"b\":[1]}}", "\"" + "x".repeat(5000) + "\""),
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.integers().map(Object::toString),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.strings().ofMaxLength(80).map(ReadingPayloadPropertiesTest::quoted),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4)
                        .map(control -> quoted("run-" + control)));
    }

    private static String quoted(String text) {
        try {
            return WRITER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
