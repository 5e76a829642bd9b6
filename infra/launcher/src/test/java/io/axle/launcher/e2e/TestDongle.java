package io.axle.launcher.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.axle.api.flash.FlashTopics;
import io.axle.gateway.vehicle.simulator.HttpImageSource;
import io.axle.gateway.vehicle.simulator.SimulatedEcuFlasher;

/**
 * A dongle of the test's own, in the test's JVM (outside the application's process), flashing with the simulator's
 * ECU ({@link SimulatedEcuFlasher}: idempotent steps, one erase per job, the image downloaded over HTTP with the
 * dongle's key) over its own MQTT 5 connection to the application's broker: a persistent session, subscribed again on
 * every connection, reconnecting by itself (a killed and restarted broker). What the test may make it do: answer every
 * status twice ({@link #answerTwice}), ignore every command ({@link #silent}), and hold a transfer after its first
 * progress report until a latch opens ({@link #transferGate}: a flash caught in the middle).
 */
final class TestDongle implements AutoCloseable {

    private final String dongleId;
    private final Mqtt5AsyncClient client;
    private final SimulatedEcuFlasher flasher;
    private final ExecutorService commands = Executors.newSingleThreadExecutor(daemon("test-dongle-commands"));
    private final ScheduledExecutorService transfers = Executors.newSingleThreadScheduledExecutor(
            daemon("test-dongle-transfers"));
    volatile boolean answerTwice;
    volatile boolean silent;
    volatile CountDownLatch transferGate;

    /** A dongle whose ECU {@code ecu} (hardware SIM-ECM-1) runs {@code version}, connected to the broker. */
    TestDongle(String dongleId, String apiKey, String mqttHost, int mqttPort, String baseUrl, String ecu,
               String version) {
        this.dongleId = dongleId;
        String commandTopic = new FlashTopics(dongleId).commands();
        AtomicReference<Mqtt5AsyncClient> self = new AtomicReference<>();
        this.client = MqttClient.builder().useMqttVersion5().identifier("test-dongle-" + dongleId)
                .serverHost(mqttHost).serverPort(mqttPort)
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                // subscribed again on every connection: a restarted broker may have lost the session
                .addConnectedListener(context -> self.get().subscribeWith().topicFilter(commandTopic)
                        .qos(MqttQos.AT_LEAST_ONCE).send())
                .simpleAuth().username(dongleId).password(apiKey.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
        self.set(client);
        this.flasher = new SimulatedEcuFlasher(List.of(new SimulatedEcuFlasher.Ecu(ecu, "SIM-ECM-1", version)),
                new Link(), new HttpImageSource(baseUrl, apiKey), transfers, Clock.systemUTC(),
                ThreadLocalRandom.current(), SimulatedEcuFlasher.Timing.DEFAULT);
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, publish -> {
            byte[] payload = publish.getPayloadAsBytes();
            commands.execute(() -> {
                if (!silent) {
                    flasher.onCommand(payload);
                }
            });
        });
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join();
        client.subscribeWith().topicFilter(commandTopic).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    /** The image an ECU holds when it runs {@code version}, as the simulator makes it. */
    static byte[] image(String ecu, String version) {
        return SimulatedEcuFlasher.syntheticImage(ecu, version);
    }

    static String sha256(byte[] bytes) {
        return SimulatedEcuFlasher.sha256(bytes);
    }

    /**
     * Publishes an OBD-II frame for {@code vehicleId} carrying the battery voltage (PID 0x42) and waits for its PUBACK:
     * a flash needs the vehicle online with a recent voltage.
     */
    void reportBattery(String vehicleId, double volts) {
        String frame = "{\"at\": \"" + Instant.now() + "\", \"pids\": {\"42\": \""
                + String.format(Locale.ROOT, "%04X", Math.round(volts * 1000)) + "\"}}";
        client.publishWith().topic("axle/vehicles/" + vehicleId + "/obd").qos(MqttQos.AT_LEAST_ONCE)
                .payload(frame.getBytes(StandardCharsets.UTF_8)).send().join();
    }

    /** How many times the ECU's memory was erased for flash job {@code flashJobId}. */
    int erases(String flashJobId) {
        return flasher.erases(flashJobId);
    }

    /** The version the ECU runs now, as the dongle would read it. */
    String installedVersion(String ecu) {
        return flasher.installedVersion(ecu);
    }

    /** The dongle's side of its connection, as the flasher uses it. */
    private final class Link implements SimulatedEcuFlasher.DongleLink {

        @Override
        public void publishStatus(byte[] payload) {
            publish(payload);
            CountDownLatch gate = transferGate;
            if (gate != null && new String(payload, StandardCharsets.UTF_8).contains("\"progressPct\"")) {
                try {
                    gate.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answerTwice) {
                publish(payload);
            }
        }

        @Override
        public void dropConnection(Duration away, Runnable back) {
            client.disconnect().thenRun(() -> transfers.schedule(() -> client.connectWith().cleanStart(false)
                    .sessionExpiryInterval(600).send().thenRun(back), away.toMillis(), TimeUnit.MILLISECONDS));
        }

        private void publish(byte[] payload) {
            try {
                client.publishWith().topic(new FlashTopics(dongleId).status()).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload).send().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the broker went away (a killed process): the step sent again is answered again
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        commands.shutdownNow();
        transfers.shutdownNow();
        client.disconnect().exceptionally(ignored -> null);
    }
}
