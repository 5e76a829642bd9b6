package io.axle.gateway.vehicle.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.axle.api.flash.FlashTopics;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.gateway.vehicle.ObdTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated OBD-II dongle: its own MQTT client, authenticated with the dongle's device API key (so its vehicle is
 * online while it is connected), publishing every interval at QoS 1 on {@code axle/vehicles/{vehicleId}/obd} the JSON
 * a real dongle sends: {@code at}, the mode 01 answers in hex under {@code pids}, and the mode 03 answer under
 * {@code dtc}. It flashes its ECUs ({@link SimulatedEcuFlasher}): a persistent session ({@code cleanStart=false},
 * {@link #SESSION_EXPIRY}) subscribed to its flash commands, so that commands sent while it was away reach it, and its
 * answers published at QoS 1, again when the gateway asks for it (PUBACK {@code UNSPECIFIED_ERROR}).
 */
final class SimulatedDongle {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SESSION_EXPIRY = Duration.ofMinutes(10);
    static final Duration ANSWER_RETRY = Duration.ofSeconds(1);
    static final int ANSWER_ATTEMPTS = 30;
    private static final Logger log = LoggerFactory.getLogger(SimulatedDongle.class);

    private final String vehicleId;
    private final FlashTopics flashTopics;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final SimulatedEcuFlasher flasher;
    private final Mqtt5AsyncClient client;
    private final DriveScenario scenario = new DriveScenario(ThreadLocalRandom.current());
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile ScheduledFuture<?> timer;

    SimulatedDongle(String vehicleId, String dongleId, String apiKey, Duration interval, BrokerEndpoint endpoint,
                    ObjectMapper objectMapper, Clock clock, ScheduledExecutorService scheduler,
                    List<SimulatedEcuFlasher.Ecu> ecus, SimulatedEcuFlasher.ImageSource images) {
        this.vehicleId = vehicleId;
        this.flashTopics = new FlashTopics(dongleId);
        this.interval = interval;
        this.scheduler = scheduler;
        this.flasher = new SimulatedEcuFlasher(ecus, new Link(), images, scheduler, clock, new Random(),
                SimulatedEcuFlasher.Timing.DEFAULT);
        this.objectMapper = objectMapper;
        this.clock = clock;
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier("axle-dongle-sim-" + dongleId)
                .serverHost(endpoint.host())
                .serverPort(endpoint.port());
        if (endpoint.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        this.client = builder.simpleAuth().username(dongleId)
                .password(apiKey.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        // before connecting: the commands the session kept while the dongle was away arrive at once
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> {
            if (flashTopics.commands().equals(publish.getTopic().toString())) {
                byte[] command = publish.getPayloadAsBytes();
                // off the client's network threads: a transfer downloads the image
                scheduler.execute(() -> flasher.onCommand(command));
            }
        });
    }

    String vehicleId() {
        return vehicleId;
    }

    long published() {
        return published.get();
    }

    SimulatedEcuFlasher flasher() {
        return flasher;
    }

    /** Connects, subscribes to its flash commands, then publishes a frame at once and every interval. */
    CompletableFuture<Void> start() {
        return connect()
                .thenAccept(connected -> {
                    synchronized (this) {
                        if (!stopped.get()) {
                            timer = scheduler.scheduleAtFixedRate(this::publish, 0, interval.toMillis(),
                                    TimeUnit.MILLISECONDS);
                        }
                    }
                });
    }

    private CompletableFuture<Void> connect() {
        return client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY.toSeconds()).send()
                .thenCompose(connAck -> client.subscribeWith().topicFilter(flashTopics.commands())
                        .qos(MqttQos.AT_LEAST_ONCE).send())
                .orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(subAck -> { });
    }

    /** The flasher's connection: answers at QoS 1, published again while the gateway asks for it. */
    private final class Link implements SimulatedEcuFlasher.DongleLink {

        @Override
        public void publishStatus(byte[] payload) {
            publishStatus(payload, 1);
        }

        private void publishStatus(byte[] payload, int attempt) {
            client.publishWith().topic(flashTopics.status()).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .whenComplete((result, failure) -> {
                        boolean again = failure != null || result.getError().map(error ->
                                error instanceof Mqtt5PubAckException refused && refused.getMqttMessage()
                                        .getReasonCode() == Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR).orElse(false);
                        if (!again) {
                            result.getError().ifPresent(error -> log.debug("Flash answer of vehicle {} refused: {}",
                                    vehicleId, error.getMessage()));
                        } else if (attempt < ANSWER_ATTEMPTS && !stopped.get()) {
                            scheduler.schedule(() -> publishStatus(payload, attempt + 1), ANSWER_RETRY.toMillis(),
                                    TimeUnit.MILLISECONDS);
                        } else {
                            log.warn("Flash answer of vehicle {} not taken after {} attempts", vehicleId, attempt);
                        }
                    });
        }

        @Override
        public void dropConnection(Duration away, Runnable back) {
            log.info("Simulated dongle of vehicle {} disconnects for {}", vehicleId, away);
            client.disconnect().whenComplete((done, failure) -> scheduler.schedule(() -> connect()
                    .whenComplete((connected, notConnected) -> {
                        if (notConnected != null) {
                            log.warn("Simulated dongle of vehicle {} did not reconnect: {}", vehicleId,
                                    notConnected.getMessage());
                        } else {
                            back.run();
                        }
                    }), away.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** Switches a fault on (or the trouble code off) for the next frames. */
    synchronized void fault(DriveScenario.Fault fault) {
        scenario.fault(fault);
    }

    private void publish() {
        if (stopped.get()) {
            return;
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        synchronized (this) {
            frame.put("at", clock.instant().toString());
            frame.put("pids", DriveScenario.pids(scenario.step(interval.toMillis() / 1000.0)));
            frame.put("dtc", scenario.dtc());
        }
        byte[] payload;
        try {
            payload = objectMapper.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        client.publishWith().topic(ObdTopic.of(vehicleId)).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                .whenComplete((result, failure) -> {
                    Throwable error = failure != null ? failure : result.getError().orElse(null);
                    if (error == null) {
                        published.incrementAndGet();
                    } else if (!stopped.get()) {
                        log.debug("Simulated frame of vehicle {} not taken: {}", vehicleId, error.getMessage());
                    }
                });
    }

    /** Stops publishing and disconnects (the vehicle goes offline); safe to call more than once. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        // the session goes with the dongle: nothing is kept for it on the broker
        client.disconnectWith().sessionExpiryInterval(0).send().exceptionally(ignored -> null);
    }
}
