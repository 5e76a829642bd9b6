package io.axle.gateway.vehicle.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.gateway.vehicle.ObdTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated OBD-II dongle: its own MQTT client, authenticated with the dongle's device API key (so its vehicle is
 * online while it is connected), publishing every interval at QoS 1 on {@code axle/vehicles/{vehicleId}/obd} the JSON
 * a real dongle sends: {@code at}, the mode 01 answers in hex under {@code pids}, and the mode 03 answer under
 * {@code dtc}.
 */
final class SimulatedDongle {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SimulatedDongle.class);

    private final String vehicleId;
    private final Duration interval;
    private final Mqtt5AsyncClient client;
    private final DriveScenario scenario = new DriveScenario(ThreadLocalRandom.current());
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile ScheduledFuture<?> timer;

    SimulatedDongle(String vehicleId, String dongleId, String apiKey, Duration interval, BrokerEndpoint endpoint,
                    ObjectMapper objectMapper, Clock clock) {
        this.vehicleId = vehicleId;
        this.interval = interval;
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
    }

    String vehicleId() {
        return vehicleId;
    }

    long published() {
        return published.get();
    }

    /** Connects, then publishes a frame at once and every interval on {@code scheduler}. */
    CompletableFuture<Void> start(ScheduledExecutorService scheduler) {
        return client.connectWith().cleanStart(true).send()
                .orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(connected -> {
                    synchronized (this) {
                        if (!stopped.get()) {
                            timer = scheduler.scheduleAtFixedRate(this::publish, 0, interval.toMillis(),
                                    TimeUnit.MILLISECONDS);
                        }
                    }
                });
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
        client.disconnect().exceptionally(ignored -> null);
    }
}
