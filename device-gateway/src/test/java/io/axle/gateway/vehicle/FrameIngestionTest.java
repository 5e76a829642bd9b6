package io.axle.gateway.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.api.vehicle.ObdFrame;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.ingest.TelemetryUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The frame ingestion around its rules: who may speak for a vehicle, the frame put on the stream keyed by vehicle, the
 * answer waiting for the stream, and the counters. The pairings and the stream are stand-ins here; the registry and
 * Kafka are exercised by {@code VehicleRegistryTest} and {@code VehicleFramesEndToEndTest}.
 */
class FrameIngestionTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String FRAME = "{\"at\":\"2025-06-01T11:59:59Z\",\"pids\":{\"0D\":\"3C\"}}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ObdFrame> published = new ArrayList<>();
    private CompletableFuture<Void> stream = CompletableFuture.completedFuture(null);
    private final DonglePairings pairings = new DonglePairings() {
        @Override
        public Optional<VehiclePairing> pairingOf(String vehicleId) {
            return switch (vehicleId) {
                case "car-1" -> Optional.of(new VehiclePairing("car-1", "dongle-1"));
                case "car-2" -> Optional.of(new VehiclePairing("car-2", null));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<String> vehicleOf(String dongleId) {
            return Optional.empty();
        }
    };
    private final FrameIngestion ingestion = new FrameIngestion(new FrameRules(Clock.fixed(NOW, ZoneOffset.UTC)),
            pairings, (frame, headers) -> {
                published.add(frame);
                return stream;
            }, new ObjectMapper(), meters);

    private static FrameIngestion.Sender dongle(String dongleId) {
        return new FrameIngestion.Sender("mqtt", "apikey:" + dongleId, "mqtt:" + dongleId, null, dongleId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void thePairedDonglesFrameIsPublishedUnderItsVehicle() {
        ObdFrame frame = ingestion.ingest(bytes(FRAME), "car-1", dongle("dongle-1")).join();

        assertThat(published).containsExactly(frame);
        assertThat(frame.vehicleId()).isEqualTo("car-1");
        assertThat(frame.source()).isEqualTo("apikey:dongle-1");
        assertThat(frame.at()).isEqualTo(Instant.parse("2025-06-01T11:59:59Z"));
        assertThat(frame.receivedAt()).isEqualTo(NOW);
        assertThat(frame.values()).isEqualTo(Map.of("speedKmh", 60.0));
        assertThat(count("vehicle_frames_ingested", "transport", "mqtt")).isEqualTo(1);
    }

    @Test
    void theSameFrameSentAgainKeepsItsId() {
        String first = ingestion.ingest(bytes(FRAME), "car-1", dongle("dongle-1")).join().frameId();
        String again = ingestion.ingest(bytes(FRAME), "car-1", dongle("dongle-1")).join().frameId();
        String later = ingestion.ingest(bytes(FRAME.replace("11:59:59", "11:59:58")), "car-1", dongle("dongle-1"))
                .join().frameId();

        assertThat(again).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void aDongleSendingForAnotherVehicleIsForbiddenAndCounted() {
        assertThatThrownBy(() -> ingestion.ingest(bytes(FRAME), "car-2", dongle("dongle-1")))
                .isInstanceOfSatisfying(ReadingRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(403);
                    assertThat(refused.field()).isEqualTo("vehicleId");
                    assertThat(refused.rule()).isEqualTo(FrameIngestion.OTHER_VEHICLE);
                });
        assertThat(published).isEmpty();
        assertThat(count("vehicle_frames_rejected", "transport", "mqtt", "rule", "other-vehicle")).isEqualTo(1);
    }

    @Test
    void aPersonMaySendForAnyRegisteredVehicleButNotForAnUnknownOne() {
        FrameIngestion.Sender person = new FrameIngestion.Sender("http", "alice", "web", "c-1", null);

        assertThat(ingestion.ingest(bytes(FRAME), "car-2", person).join().vehicleId()).isEqualTo("car-2");
        assertThatThrownBy(() -> ingestion.ingest(bytes(FRAME), "no-such-car", person))
                .isInstanceOfSatisfying(ReadingRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.rule()).isEqualTo(FrameIngestion.VEHICLE_UNKNOWN);
                });
        assertThatThrownBy(() -> ingestion.ingest(bytes(FRAME), "car/1", person))
                .isInstanceOfSatisfying(ReadingRefusedException.class,
                        refused -> assertThat(refused.rule()).isEqualTo(FrameIngestion.VEHICLE_UNKNOWN));
    }

    @Test
    void aPayloadNamingAnotherVehicleThanItsAddressIsRefused() {
        assertThatThrownBy(() -> ingestion.ingest(bytes(FRAME.replace("{", "{\"vehicleId\":\"car-2\",")), "car-1",
                dongle("dongle-1")))
                .isInstanceOfSatisfying(ReadingRefusedException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("vehicleId");
                    assertThat(refused.rule()).isEqualTo("topic-mismatch");
                });
    }

    @Test
    void theShapeIsCheckedBeforeTheSender() {
        assertThatThrownBy(() -> ingestion.ingest(bytes("not json"), "car-2", dongle("dongle-1")))
                .isInstanceOfSatisfying(ReadingRefusedException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("malformed-json"));
    }

    @Test
    void aStreamThatDoesNotTakeTheFrameFailsTheAnswer() {
        stream = CompletableFuture.failedFuture(new IllegalStateException("broker away"));

        CompletableFuture<ObdFrame> answer = ingestion.ingest(bytes(FRAME), "car-1", dongle("dongle-1"));

        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TelemetryUnavailableException.class);
        assertThat(count("vehicle_frames_failed", "transport", "mqtt")).isEqualTo(1);
        assertThat(count("vehicle_frames_ingested", "transport", "mqtt")).isZero();
    }
}
