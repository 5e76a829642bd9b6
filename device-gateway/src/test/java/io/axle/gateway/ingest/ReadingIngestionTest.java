package io.axle.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.sensor.SensorReading;
import io.axle.gateway.registry.RunState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The ids the ingestion gives readings: time-ordered (UUID version 7), derived from content where copies may recur. */
class ReadingIngestionTest {

    private final ReadingIngestion ingestion = new ReadingIngestion(
            new ReadingRules(runId -> RunState.RUNNING, Clock.systemUTC()),
            (reading, headers) -> CompletableFuture.completedFuture(null),
            new ObjectMapper(), new SimpleMeterRegistry());

    private SensorReading ingest(String payload, boolean contentIds) {
        return ingestion.ingest(payload.getBytes(StandardCharsets.UTF_8), Map.of(),
                new ReadingIngestion.Origin("test", "tester", "client", null, contentIds)).join();
    }

    /** The milliseconds a version 7 id starts with. */
    private static long millisOf(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }

    @Test
    void aReadingsIdCarriesItsTimestampSoThatIdsSortByTime() {
        SensorReading given = ingest("{\"runId\":\"r\",\"sensorId\":\"s\",\"temperature\":20,"
                + "\"timestamp\":\"2025-06-01T12:00:00.250Z\"}", false);
        SensorReading received = ingest("{\"runId\":\"r\",\"sensorId\":\"s\",\"temperature\":20}", false);

        assertThat(UUID.fromString(given.readingId()).version()).isEqualTo(7);
        assertThat(millisOf(given.readingId()))
                .isEqualTo(Instant.parse("2025-06-01T12:00:00.250Z").toEpochMilli());
        assertThat(UUID.fromString(received.readingId()).version()).isEqualTo(7);
        assertThat(millisOf(received.readingId())).isEqualTo(received.timestamp().toEpochMilli());
        assertThat(given.readingId()).isLessThan(received.readingId());
    }

    @Test
    void contentIdsAreTheSameForARedeliveredReadingAndTimeOrdered() {
        String payload = "{\"runId\":\"r\",\"sensorId\":\"s\",\"temperature\":20,"
                + "\"timestamp\":\"2025-06-01T12:00:00Z\"}";

        SensorReading first = ingest(payload, true);
        SensorReading again = ingest(payload, true);

        assertThat(again.readingId()).isEqualTo(first.readingId());
        assertThat(UUID.fromString(first.readingId()).version()).isEqualTo(7);
        assertThat(millisOf(first.readingId())).isEqualTo(Instant.parse("2025-06-01T12:00:00Z").toEpochMilli());
        assertThat(ingest(payload, false).readingId()).as("without content ids, each copy is new")
                .isNotEqualTo(first.readingId());
    }
}
