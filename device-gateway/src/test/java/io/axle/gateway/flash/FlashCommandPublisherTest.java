package io.axle.gateway.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepRequestedEvent;
import org.junit.jupiter.api.Test;

/** Each requested step becomes the dongle's JSON command on its command topic; a failed publish is not swallowed. */
class FlashCommandPublisherTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<String> topics = new ArrayList<>();
    private final List<JsonNode> payloads = new ArrayList<>();

    private FlashStepRequestedEvent step(FlashStep step, String firmwareId) {
        return new FlashStepRequestedEvent("job-1", "v-1", "dongle-1", "engine", step, 2, firmwareId,
                "b".repeat(64), 4096, "alice", AT);
    }

    private final Clock clock = Clock.fixed(AT.plusSeconds(30), ZoneOffset.UTC);

    @Test
    void aForwardStepNamesTheImageToDownload() throws Exception {
        new FlashCommandPublisher(this::record, json, clock).on(step(FlashStep.TRANSFER, "fw-9"));
        assertThat(topics).containsExactly("axle/dongles/dongle-1/flash/commands");
        assertThat(payloads.get(0)).isEqualTo(json.readTree("""
                {"flashJobId":"job-1","vehicleId":"v-1","ecu":"engine","step":"TRANSFER","attempt":2,
                 "firmwareId":"fw-9","sha256":"%s","size":4096,"imagePath":"/api/v1/firmware/fw-9/image",
                 "at":"2026-12-07T10:00:00Z"}""".formatted("b".repeat(64))));
    }

    @Test
    void aRestoreNamesNoImage() {
        new FlashCommandPublisher(this::record, json, clock).on(step(FlashStep.RESTORE, null));
        assertThat(payloads.get(0).get("step").asText()).isEqualTo("RESTORE");
        assertThat(payloads.get(0).get("imagePath").isNull()).isTrue();
    }

    @Test
    void aBrokerThatDoesNotTakeTheCommandFailsTheHandler() {
        DeviceCommands away = (topic, payload) -> {
            throw new IllegalStateException("broker away");
        };
        assertThatThrownBy(() -> new FlashCommandPublisher(away, json, clock).on(step(FlashStep.ERASE, "fw-9")))
                .hasMessageContaining("broker away");
    }

    @Test
    void aStepRequestedLongAgoIsNotSentAgain() {
        Clock muchLater = Clock.fixed(AT.plus(FlashCommandPublisher.MAX_AGE).plusSeconds(1), ZoneOffset.UTC);
        new FlashCommandPublisher(this::record, json, muchLater).on(step(FlashStep.ERASE, "fw-9"));
        assertThat(topics).isEmpty();
        Clock justInTime = Clock.fixed(AT.plus(FlashCommandPublisher.MAX_AGE), ZoneOffset.UTC);
        new FlashCommandPublisher(this::record, json, justInTime).on(step(FlashStep.ERASE, "fw-9"));
        assertThat(topics).hasSize(1);
    }

    private void record(String topic, byte[] payload) {
        topics.add(topic);
        try {
            payloads.add(json.readTree(payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
