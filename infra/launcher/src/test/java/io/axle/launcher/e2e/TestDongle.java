package io.axle.launcher.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.axle.api.flash.FlashTopics;

/**
 * A dongle of the test's own, in the test's JVM, speaking the flash protocol of docs/flashes.md over MQTT to the
 * application's broker with its device key: it answers each command on its status topic, downloads the firmware image
 * over HTTP with its key, transfers it in four blocks (a progress report after each, {@code blockDelay} apart),
 * answers the checksum of what it wrote, keeps the backup and restores it. Like a real dongle it keeps per job what it
 * did, so that a command sent again is answered again without being done again, and a transfer sent again resumes.
 * It can answer every status twice ({@link #answerTwice}) and stay silent ({@link #silent}). It counts erases per job.
 */
final class TestDongle implements AutoCloseable {

    private static final int BLOCKS = 4;

    private final String dongleId;
    private final String apiKey;
    private final String baseUrl;
    private final Mqtt5AsyncClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-dongle");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> installed = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> answered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> erases = new ConcurrentHashMap<>();
    private final Map<String, Integer> blocksWritten = new ConcurrentHashMap<>();
    private final Map<String, byte[]> written = new ConcurrentHashMap<>();
    private final Map<String, byte[]> backups = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    volatile boolean answerTwice;
    volatile boolean silent;
    volatile Duration blockDelay = Duration.ZERO;
    /** When set, a transfer stops after its first block until the latch opens (a flash caught in the middle). */
    volatile java.util.concurrent.CountDownLatch transferGate;

    /** A dongle whose ECU {@code ecu} runs image {@code "ECU <ecu> <version>"}, connected to the broker. */
    TestDongle(String dongleId, String apiKey, String mqttHost, int mqttPort, String baseUrl, String ecu,
               String version) {
        this.dongleId = dongleId;
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        installed.put(ecu, version);
        String commandTopic = new FlashTopics(dongleId).commands();
        java.util.concurrent.atomic.AtomicReference<Mqtt5AsyncClient> self =
                new java.util.concurrent.atomic.AtomicReference<>();
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
        client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.SUBSCRIBED,
                publish -> worker.execute(() -> onCommand(publish)));
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join();
        client.subscribeWith().topicFilter(commandTopic).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    /**
     * Publishes an OBD-II frame for {@code vehicleId} carrying the battery voltage (PID 0x42) and waits for its PUBACK:
     * a flash needs the vehicle online with a recent voltage.
     */
    void reportBattery(String vehicleId, double volts) {
        String frame = "{\"at\": \"" + Instant.now() + "\", \"pids\": {\"42\": \""
                + String.format(java.util.Locale.ROOT, "%04X", Math.round(volts * 1000)) + "\"}}";
        client.publishWith().topic("axle/vehicles/" + vehicleId + "/obd").qos(MqttQos.AT_LEAST_ONCE)
                .payload(frame.getBytes(StandardCharsets.UTF_8)).send().join();
    }

    /** The image an ECU holds when it runs {@code version}: deterministic bytes, different per ECU and version. */
    static byte[] image(String ecu, String version) {
        return ("ECU " + ecu + " " + version + "\n").repeat(256).getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times the ECU's memory was erased for flash job {@code flashJobId} (restores excluded). */
    int erases(String flashJobId) {
        AtomicInteger count = erases.get(flashJobId);
        return count == null ? 0 : count.get();
    }

    /** The commands received, as {@code step/attempt}, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** Whether the MQTT session is connected now. */
    boolean connected() {
        return client.getState().isConnected();
    }

    private void onCommand(Mqtt5Publish publish) {
        JsonNode command;
        try {
            command = json.readTree(publish.getPayloadAsBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable command " + new String(publish.getPayloadAsBytes(),
                    StandardCharsets.UTF_8), e);
        }
        String job = command.path("flashJobId").asText();
        String step = command.path("step").asText();
        int attempt = command.path("attempt").asInt();
        commands.add(step + "/" + attempt);
        if (silent) {
            return;
        }
        String key = job + "/" + step;
        Map<String, Object> result = answered.get(key);
        if (result == null || "TRANSFER".equals(step) && !"ok".equals(result.get("outcome"))) {
            result = perform(job, step, command);
            answered.put(key, result);
        }
        Map<String, Object> status = new LinkedHashMap<>(result);
        status.put("attempt", attempt);
        status.put("at", Instant.now().toString());
        answer(status);
        if (answerTwice) {
            answer(status);
        }
    }

    private Map<String, Object> perform(String job, String step, JsonNode command) {
        String ecu = command.path("ecu").asText();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("flashJobId", job);
        status.put("step", step);
        status.put("outcome", "ok");
        switch (step) {
            case "BACKUP" -> {
                byte[] backup = image(ecu, installed.get(ecu));
                backups.put(job, backup);
                status.put("checksum", sha256(backup));
                status.put("version", installed.get(ecu));
            }
            case "ERASE" -> erases.computeIfAbsent(job, ignored -> new AtomicInteger()).incrementAndGet();
            case "TRANSFER" -> {
                byte[] image = download(command.path("imagePath").asText());
                int from = blocksWritten.getOrDefault(job, 0);
                for (int block = from; block < BLOCKS; block++) {
                    pause(blockDelay);
                    blocksWritten.put(job, block + 1);
                    answer(Map.of("flashJobId", job, "step", step, "attempt", command.path("attempt").asInt(),
                            "outcome", "progress", "progressPct", 100 * (block + 1) / BLOCKS));
                    java.util.concurrent.CountDownLatch gate = transferGate;
                    if (gate != null && block == from) {
                        awaitGate(gate);
                    }
                }
                written.put(job, image);
            }
            case "VERIFY" -> status.put("checksum", sha256(written.getOrDefault(job, new byte[0])));
            case "RESTORE" -> status.put("checksum", sha256(backups.getOrDefault(job, new byte[0])));
            default -> {
            }
        }
        return status;
    }

    private byte[] download(String imagePath) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + imagePath))
                    .header("X-API-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("image " + imagePath + " answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void answer(Map<String, Object> status) {
        try {
            client.publishWith().topic(new FlashTopics(dongleId).status()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(json.writeValueAsBytes(status)).send().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the broker went away (a killed process): the resent command is answered again
        }
    }

    private static void awaitGate(java.util.concurrent.CountDownLatch gate) {
        try {
            gate.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        client.disconnect().exceptionally(ignored -> null);
    }
}
