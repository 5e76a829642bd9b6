package io.axle.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.axle.gateway.mqtt.BrokerEndpoint;
import io.axle.gateway.mqtt.SensorTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated sensors of one run: {@code sim-1 ... sim-n}, each its own MQTT client, publishing a reading at QoS 1
 * every {@code interval} seconds until the run's planned end or until stopped. A sensor told by the broker that the
 * run no longer takes readings stops the whole simulation.
 */
final class Simulation {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    private record Sensor(String sensorId, Mqtt5AsyncClient client, SensorWalk walk) {
    }

    private final String runId;
    private final int interval;
    private final Instant endsAt;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Consumer<Simulation> onStop;
    private final List<Sensor> sensors = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();

    Simulation(String runId, SimulationPlan plan, int interval, Instant endsAt, BrokerEndpoint endpoint,
               ScheduledExecutorService scheduler, ObjectMapper objectMapper, Clock clock,
               Consumer<Simulation> onStop) {
        this.runId = runId;
        this.interval = Math.max(1, interval);
        this.endsAt = endsAt;
        this.scheduler = scheduler;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.onStop = onStop;
        for (int n = 1; n <= plan.sensors(); n++) {
            Mqtt5ClientBuilder builder = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("axle-sim-" + runId + "-" + n)
                    .serverHost(endpoint.host())
                    .serverPort(endpoint.port());
            if (endpoint.tls()) {
                builder = builder.sslWithDefaultConfig();
            }
            if (endpoint.username() != null && !endpoint.username().isBlank()) {
                builder = builder.simpleAuth().username(endpoint.username())
                        .password(endpoint.password() == null ? new byte[0]
                                : endpoint.password().getBytes(StandardCharsets.UTF_8))
                        .applySimpleAuth();
            }
            sensors.add(new Sensor("sim-" + n, builder.buildAsync(), new SensorWalk(ThreadLocalRandom.current())));
        }
    }

    String runId() {
        return runId;
    }

    int sensorCount() {
        return sensors.size();
    }

    long published() {
        return published.get();
    }

    /** Connects every sensor, then starts publishing; fails (and disconnects all) when one cannot connect. */
    CompletableFuture<Void> start() {
        CompletableFuture<?>[] connections = sensors.stream()
                .map(sensor -> sensor.client().connectWith().cleanStart(true).send()
                        .orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(connections).whenComplete((done, failure) -> {
            if (failure != null) {
                stop("sensors could not connect");
                return;
            }
            synchronized (timers) {
                if (stopped.get()) {
                    return;
                }
                timers.add(scheduler.scheduleAtFixedRate(this::publishAll, 0, interval, TimeUnit.SECONDS));
                long untilEnd = Math.max(0, Duration.between(clock.instant(), endsAt).toMillis());
                timers.add(scheduler.schedule(() -> stop("its duration is over"), untilEnd, TimeUnit.MILLISECONDS));
            }
            log.info("Simulating {} sensors for run {} every {} s until {}", sensors.size(), runId, interval, endsAt);
        });
    }

    private void publishAll() {
        if (stopped.get()) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(endsAt)) {
            stop("its duration is over");
            return;
        }
        for (Sensor sensor : sensors) {
            double[] values = sensor.walk().next();
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("temperature", values[0]);
            reading.put("humidity", values[1]);
            reading.put("pressure", values[2]);
            reading.put("timestamp", now.toString());
            byte[] payload;
            try {
                payload = objectMapper.writeValueAsBytes(reading);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            sensor.client().publishWith()
                    .topic(SensorTopic.of(runId, sensor.sensorId()))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send()
                    .whenComplete((result, failure) -> answered(sensor, result, failure));
        }
    }

    private void answered(Sensor sensor, Mqtt5PublishResult result, Throwable failure) {
        Throwable error = failure != null ? failure : result.getError().orElse(null);
        if (error == null) {
            published.incrementAndGet();
            return;
        }
        if (error instanceof Mqtt5PubAckException refused) {
            String reason = refused.getMqttMessage().getReasonString().map(Object::toString).orElse("");
            if (reason.contains("run-not-running") || reason.contains("run-unknown")) {
                stop("the gateway no longer takes its readings (" + reason + ")");
                return;
            }
            log.debug("Simulated reading of {} refused: {}", sensor.sensorId(), reason);
        } else if (!stopped.get()) {
            log.debug("Simulated reading of {} for run {} not sent: {}", sensor.sensorId(), runId, error.getMessage());
        }
    }

    /** Stops publishing and disconnects every sensor; safe to call more than once. */
    void stop(String why) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        synchronized (timers) {
            timers.forEach(timer -> timer.cancel(false));
        }
        for (Sensor sensor : sensors) {
            sensor.client().disconnect().exceptionally(ignored -> null);
        }
        log.info("Simulation of run {} stopped: {} ({} readings published)", runId, why, published.get());
        onStop.accept(this);
    }

    boolean stopped() {
        return stopped.get();
    }
}
