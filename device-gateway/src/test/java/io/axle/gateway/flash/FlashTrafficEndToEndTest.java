package io.axle.gateway.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.axle.api.common.Refusal;
import io.axle.api.flash.FlashOutcome;
import io.axle.api.flash.FlashStep;
import io.axle.api.flash.FlashStepRequestedEvent;
import io.axle.api.flash.FlashTopics;
import io.axle.api.flash.RecordFlashStatusCommand;
import io.axle.gateway.GatewayTestSupport;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Flash traffic through the booted gateway: a FlashStepRequestedEvent reaches the dongle subscribed to its command
 * topic on the in-process broker (and a subscriber of the machine's Mosquitto), and what the dongle publishes on its
 * status topic becomes a RecordFlashStatusCommand before its PUBACK, captured here by a handler on the command bus.
 * Refusals, a missing command handler, malformed answers and the ACL of the flash topics are answered as documented.
 */
class FlashTrafficEndToEndTest extends GatewayTestSupport {

    private static final String MOSQUITTO = "127.0.0.1";
    private static final int MOSQUITTO_PORT = 1883;
    /** An answer whose reason is this one is refused by the captured handler, as a FlashJob refuses a stale answer. */
    private static final String REFUSE = "refuse me";

    @Autowired
    private CommandBus commandBus;

    private final List<RecordFlashStatusCommand> recorded = new CopyOnWriteArrayList<>();
    private Registration handler;
    private String dongleId;
    private Mqtt5BlockingClient dongle;

    @BeforeEach
    void aDongleAndACapturingHandler() {
        handler = commandBus.subscribe(RecordFlashStatusCommand.class.getName(), message -> {
            RecordFlashStatusCommand command = (RecordFlashStatusCommand) message.getPayload();
            if (REFUSE.equals(command.reason())) {
                throw new CommandExecutionException("refused", null,
                        new Refusal(409, "step", "not-current", "BACKUP is not the job's current step"));
            }
            recorded.add(command);
            return null;
        });
        dongleId = "dongle-" + UUID.randomUUID();
        dongle = device("flash-" + dongleId, deviceKey(dongleId));
    }

    @AfterEach
    void release() {
        if (handler != null) {
            handler.cancel();
        }
        if (dongle != null && dongle.getState().isConnected()) {
            dongle.disconnect();
        }
    }

    private FlashStepRequestedEvent stepRequested(String flashJobId, FlashStep step) {
        return new FlashStepRequestedEvent(flashJobId, "vehicle-1", dongleId, "engine", step, 1, "fw-1",
                "c".repeat(64), 2048, "alice", Instant.now());
    }

    private String status(String flashJobId, String reason) {
        return """
                {"flashJobId":"%s","step":"BACKUP","attempt":1,"outcome":"ok","checksum":"%s","version":"1.0.0"%s}"""
                .formatted(flashJobId, "d".repeat(64), reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    @Test
    void aRequestedStepReachesTheSubscribedDongleOnBothBrokers() throws Exception {
        Mqtt5BlockingClient watcher = MqttClient.builder().useMqttVersion5()
                .identifier("flash-watcher-" + UUID.randomUUID()).serverHost(MOSQUITTO).serverPort(MOSQUITTO_PORT)
                .buildBlocking();
        watcher.connect();
        try (var commands = dongle.publishes(MqttGlobalPublishFilter.ALL);
             var external = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            String topic = new FlashTopics(dongleId).commands();
            dongle.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            watcher.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            String flashJobId = UUID.randomUUID().toString();
            eventStore.publish(new GenericDomainEventMessage<>("FlashJob", flashJobId, 0,
                    stepRequested(flashJobId, FlashStep.TRANSFER)));

            Optional<Mqtt5Publish> received = commands.receive(30, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            JsonNode command = json(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertThat(command.get("flashJobId").asText()).isEqualTo(flashJobId);
            assertThat(command.get("step").asText()).isEqualTo("TRANSFER");
            assertThat(command.get("imagePath").asText()).isEqualTo("/api/v1/firmware/fw-1/image");
            assertThat(command.get("sha256").asText()).isEqualTo("c".repeat(64));
            Optional<Mqtt5Publish> bridged = external.receive(30, TimeUnit.SECONDS);
            assertThat(bridged).isPresent();
            assertThat(json(new String(bridged.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .get("flashJobId").asText()).isEqualTo(flashJobId);
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void aStepSentWhileTheDongleWasAwayReachesItWhenItComesBack() throws Exception {
        String key = deviceKey(dongleId);
        String topic = new FlashTopics(dongleId).commands();
        Mqtt5BlockingClient away = MqttClient.builder().useMqttVersion5().identifier("flash-away-" + dongleId)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        Mqtt5BlockingClient watcher = MqttClient.builder().useMqttVersion5()
                .identifier("flash-watcher-" + UUID.randomUUID()).serverHost(MOSQUITTO).serverPort(MOSQUITTO_PORT)
                .buildBlocking();
        watcher.connect();
        try (var commands = away.publishes(MqttGlobalPublishFilter.ALL);
             var external = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            away.connectWith().cleanStart(true).sessionExpiryInterval(120).simpleAuth().username(dongleId)
                    .password(key.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            watcher.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            away.disconnect();

            String flashJobId = UUID.randomUUID().toString();
            eventStore.publish(new GenericDomainEventMessage<>("FlashJob", flashJobId, 0,
                    stepRequested(flashJobId, FlashStep.ERASE)));
            // the external broker is published to after this node's: once it has the step, the session holds it
            assertThat(external.receive(30, TimeUnit.SECONDS)).isPresent();

            away.connectWith().cleanStart(false).sessionExpiryInterval(0).simpleAuth().username(dongleId)
                    .password(key.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            Optional<Mqtt5Publish> received = commands.receive(20, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            JsonNode command = json(new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            assertThat(command.get("flashJobId").asText()).isEqualTo(flashJobId);
            assertThat(command.get("step").asText()).isEqualTo("ERASE");
        } finally {
            if (away.getState().isConnected()) {
                away.disconnect();
            }
            watcher.disconnect();
        }
    }

    @Test
    void anAnswerIsRecordedBeforeItsPuback() {
        String flashJobId = UUID.randomUUID().toString();
        assertThat(publish(dongle, new FlashTopics(dongleId).status(), status(flashJobId, null))).isNull();
        // no waiting: the PUBACK came after the command completed
        assertThat(recorded).singleElement().satisfies(command -> {
            assertThat(command.flashJobId()).isEqualTo(flashJobId);
            assertThat(command.dongleId()).isEqualTo(dongleId);
            assertThat(command.step()).isEqualTo(FlashStep.BACKUP);
            assertThat(command.outcome()).isEqualTo(FlashOutcome.OK);
            assertThat(command.checksum()).isEqualTo("d".repeat(64));
            assertThat(command.version()).isEqualTo("1.0.0");
        });
    }

    @Test
    void anAnswerTheJobRefusesIsAcknowledgedWithTheFieldAndRule() {
        Mqtt5PubAckException refused = publish(dongle, new FlashTopics(dongleId).status(),
                status(UUID.randomUUID().toString(), REFUSE));
        assertThat(refused).isNotNull();
        assertThat(refused.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        assertThat(refused.getMqttMessage().getReasonString()).hasValueSatisfying(reason ->
                assertThat(reason.toString()).startsWith("step: not-current"));
        assertThat(recorded).isEmpty();
    }

    @Test
    void withoutACommandHandlerTheDongleIsAskedToPublishAgain() {
        handler.cancel();
        handler = null;
        Mqtt5PubAckException again = publish(dongle, new FlashTopics(dongleId).status(),
                status(UUID.randomUUID().toString(), null));
        assertThat(again).isNotNull();
        assertThat(again.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR);
    }

    @Test
    void aMalformedAnswerIsDroppedAndCounted() {
        double before = count("flash_status_rejected", "transport", "mqtt", "rule", "malformed-json");
        Mqtt5PubAckException refused = publish(dongle, new FlashTopics(dongleId).status(), "{not json");
        assertThat(refused).isNotNull();
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
        assertThat(count("flash_status_rejected", "transport", "mqtt", "rule", "malformed-json"))
                .isEqualTo(before + 1);
        assertThat(recorded).isEmpty();
    }

    @Test
    void anMqtt3DongleGetsAPlainPubackForARefusedAnswer() {
        double before = count("flash_status_rejected", "transport", "mqtt", "rule", "malformed-json");
        Mqtt3BlockingClient mqtt3 = MqttClient.builder().useMqttVersion3().identifier("flash3-" + dongleId)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        mqtt3.connectWith().simpleAuth().username(dongleId)
                .password(deviceKey(dongleId).getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        try {
            mqtt3.publishWith().topic(new FlashTopics(dongleId).status()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{not json".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(mqtt3.getState().isConnected()).isTrue();
            assertThat(count("flash_status_rejected", "transport", "mqtt", "rule", "malformed-json"))
                    .isEqualTo(before + 1);
            assertThat(recorded).isEmpty();
        } finally {
            mqtt3.disconnect();
        }
    }

    @Test
    void aDongleUsesOnlyItsOwnFlashTopics() {
        FlashTopics other = new FlashTopics("dongle-" + UUID.randomUUID());
        assertThatThrownBy(() -> dongle.subscribeWith().topicFilter(other.commands()).send())
                .isInstanceOf(Mqtt5SubAckException.class);
        assertThatThrownBy(() -> dongle.subscribeWith().topicFilter(new FlashTopics(dongleId).status()).send())
                .isInstanceOf(Mqtt5SubAckException.class);
        Mqtt5PubAckException refused = publish(dongle, other.status(), status(UUID.randomUUID().toString(), null));
        assertThat(refused).isNotNull();
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(recorded).isEmpty();
    }

    @Test
    void onlyTheDongleItselfAnswersEvenForAnUnrestrictedKey() {
        Mqtt5BlockingClient admin = device("flash-admin-" + UUID.randomUUID(), apiKey("ADMIN"));
        try {
            Mqtt5PubAckException refused = publish(admin, new FlashTopics(dongleId).status(),
                    status(UUID.randomUUID().toString(), null));
            assertThat(refused).isNotNull();
            assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(recorded).isEmpty();
        } finally {
            admin.disconnect();
        }
    }

    @Test
    void anAnswerOnTheExternalBrokerIsRecordedThroughTheBridge() {
        Mqtt5BlockingClient external = MqttClient.builder().useMqttVersion5()
                .identifier("flash-external-" + UUID.randomUUID()).serverHost(MOSQUITTO).serverPort(MOSQUITTO_PORT)
                .buildBlocking();
        external.connect();
        try {
            String flashJobId = UUID.randomUUID().toString();
            assertThat(publish(external, new FlashTopics(dongleId).status(), status(flashJobId, null))).isNull();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.stream()
                    .anyMatch(command -> command.flashJobId().equals(flashJobId)
                            && command.dongleId().equals(dongleId)));
        } finally {
            external.disconnect();
        }
    }
}
