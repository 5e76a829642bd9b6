package io.axle.launcher.benchmark;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.util.FileSystemUtils;

/**
 * Publishes sensor readings over MQTT (QoS 1) from concurrent simulated sensors into a booted application and measures
 * readings/s stored in the read model and the latency from publish to the read model's live update; beside it, the raw
 * throughput of the same in-process broker for the same publishers and payloads to a plain subscriber (no validation,
 * no Kafka, no read model), and the ratio of the two.
 *
 * <p>Run with {@code scripts/benchmark.sh telemetry [sensors] [readings]}.
 */
public final class TelemetryBenchmark {

    private static final int IN_FLIGHT_PER_SENSOR = 10;

    public static void main(String[] args) throws Exception {
        int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int readings = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int mqttPort = AxleProcess.freePort();

        Path dataDir = Files.createTempDirectory("axle-telemetry-bench");
        try (RunningAxle axle = RunningAxle.start(dataDir, Map.of("axle.mqtt.embedded.port", Integer.toString(mqttPort)))) {
            AxleClient admin = axle.admin();
            String key = admin.post("/api/v1/api-keys", Map.of("name", "bench-rig", "role", "ADMIN")).body().get("key").asText();
            List<Mqtt5AsyncClient> clients = connect(sensors, mqttPort, key);

            // An admin key: devices may only publish readings, the raw-broker measure also subscribes.
            // Warm-up: a small run through the whole pipeline, so that JIT and connections are ready.
            pipeline(admin, axle, clients, Math.min(readings / 10, 5_000), 0);

            double rawPerSecond = raw(clients, mqttPort, key, readings);
            Result pipeline = pipeline(admin, axle, clients, readings, 0);
            // Latency at a sustainable pace: half the stored rate just measured, for about ten seconds.
            double pace = pipeline.perSecond() / 2;
            Result paced = pipeline(admin, axle, clients, (int) Math.max(100, pace * 10), pace);

            System.out.printf("%n=== Telemetry benchmark: %d sensors, %d readings, MQTT QoS 1, %d in flight per sensor, %d cores ===%n",
                    sensors, readings, IN_FLIGHT_PER_SENSOR, Runtime.getRuntime().availableProcessors());
            System.out.printf("stored in read model:  %,10.0f readings/s  (publish of first -> last in read model: %.2f s)%n",
                    pipeline.perSecond(), pipeline.seconds());
            System.out.printf("publish -> read model, flat out (queueing included): p50 %d ms  p95 %d ms  p99 %d ms  max %d ms%n",
                    pipeline.percentile(50), pipeline.percentile(95), pipeline.percentile(99), pipeline.percentile(100));
            System.out.printf("publish -> read model, paced at %,.0f readings/s: p50 %d ms  p95 %d ms  p99 %d ms  max %d ms%n",
                    pace, paced.percentile(50), paced.percentile(95), paced.percentile(99), paced.percentile(100));
            System.out.printf("raw broker (same publishers -> one subscriber, no gateway): %,10.0f messages/s%n", rawPerSecond);
            System.out.printf("ratio stored / raw broker: %.3f%n", pipeline.perSecond() / rawPerSecond);
            clients.forEach(Mqtt5AsyncClient::disconnect);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
        System.exit(0);
    }

    private record Result(double seconds, double perSecond, long[] latenciesMillis) {
        long percentile(int p) {
            long[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)];
        }
    }

    private static List<Mqtt5AsyncClient> connect(int sensors, int port, String key) {
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("bench-sensor-" + i)
                    .serverHost("127.0.0.1").serverPort(port).buildAsync();
            client.connectWith().simpleAuth().username("bench-rig").password(key.getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send().join();
            clients.add(client);
        }
        return clients;
    }

    /**
     * Every reading through the gateway, Kafka and the read model; latency from publish to the live update. A positive
     * {@code perSecond} paces the publishing; zero publishes as fast as the broker acknowledges.
     */
    private static Result pipeline(AxleClient admin, RunningAxle axle, List<Mqtt5AsyncClient> clients, int readings,
            double perSecond) throws InterruptedException {
        String runId = admin.post("/api/runs/start", Map.of("duration", 3600, "interval", 1)).body().get("id").asText();
        QueryGateway queries = axle.bean(QueryGateway.class);
        long[] latencies = new long[readings];
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(readings);
        SubscriptionQueryResult<List<SensorReading>, SensorReading> subscription = queries.subscriptionQuery(
                new WatchRunReadingsQuery(runId), ResponseTypes.multipleInstancesOf(SensorReading.class),
                ResponseTypes.instanceOf(SensorReading.class));
        subscription.initialResult().block(Duration.ofSeconds(30));
        subscription.updates().subscribe(reading -> {
            int index = seen.getAndIncrement();
            if (index < readings) {
                latencies[index] = Duration.between(reading.timestamp(), Instant.now()).toMillis();
                all.countDown();
            }
        });
        long start = System.nanoTime();
        publish(clients, readings, perSecond, i -> "axle/runs/" + runId + "/sensors/sensor-" + (i % clients.size()),
                i -> "{\"temperature\":" + (15 + (i % 100) / 10.0) + ",\"humidity\":45.5,\"timestamp\":\"" + Instant.now() + "\"}");
        if (!all.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + seen.get() + " of " + readings + " readings reached the read model");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscription.cancel();
        admin.post("/api/runs/" + runId + "/finish", Map.of());
        return new Result(seconds, readings / seconds, latencies);
    }

    /** The same publishers and payload sizes to a plain topic and one subscriber: what the broker alone carries. */
    private static double raw(List<Mqtt5AsyncClient> clients, int port, String key, int messages) throws InterruptedException {
        Mqtt5AsyncClient subscriber = MqttClient.builder().useMqttVersion5().identifier("bench-raw-subscriber")
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        subscriber.connectWith().simpleAuth().username("bench-rig").password(key.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().join();
        CountDownLatch all = new CountDownLatch(messages);
        subscriber.subscribeWith().topicFilter("bench/raw/#").qos(MqttQos.AT_LEAST_ONCE).callback(message -> all.countDown())
                .send().join();
        long start = System.nanoTime();
        publish(clients, messages, 0, i -> "bench/raw/sensor-" + (i % clients.size()),
                i -> "{\"temperature\":" + (15 + (i % 100) / 10.0) + ",\"humidity\":45.5,\"timestamp\":\"" + Instant.now() + "\"}");
        if (!all.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the raw subscriber got only " + (messages - all.getCount()) + " of " + messages);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.disconnect().join();
        return messages / seconds;
    }

    /**
     * Publishes {@code count} messages QoS 1 spread over the clients, each with a bounded window of unacknowledged ones,
     * at {@code perSecond} messages a second if positive.
     */
    private static void publish(List<Mqtt5AsyncClient> clients, int count, double perSecond, IntFunction<String> topic,
            IntFunction<String> payload) throws InterruptedException {
        long start = System.nanoTime();
        List<Semaphore> windows = clients.stream().map(client -> new Semaphore(IN_FLIGHT_PER_SENSOR)).toList();
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            int sensor = i % clients.size();
            Semaphore window = windows.get(sensor);
            window.acquire();
            clients.get(sensor).publishWith().topic(topic.apply(i)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.apply(i).getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((result, error) -> {
                        window.release();
                        if (error != null || result.getError().isPresent()) {
                            failures.incrementAndGet();
                        }
                    });
        }
        for (Semaphore window : windows) {
            window.acquire(IN_FLIGHT_PER_SENSOR);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " publishes were not acknowledged");
        }
    }
}
