package io.axle.launcher.benchmark;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.axle.api.sensor.SensorReading;
import io.axle.api.sensor.WatchRunReadingsQuery;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleProcess;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    public static void main(String[] args) throws Exception {
        int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int readings = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int mqttPort = AxleProcess.freePort();

        Path dataDir = Files.createTempDirectory("axle-telemetry-bench");
        try (RunningAxle axle = RunningAxle.start(dataDir, Map.of("axle.mqtt.embedded.port", Integer.toString(mqttPort)))) {
            AxleClient admin = axle.admin();
            String key = admin.post("/api/v1/api-keys", Map.of("name", "bench-rig", "role", "ADMIN")).body().get("key").asText();
            List<Mqtt5AsyncClient> clients = MqttLoad.connect(sensors, mqttPort, "bench-sensor-", "bench-rig", key);

            // An admin key: devices may only publish readings, the raw-broker measure also subscribes.
            // Warm-up: a small run through the whole pipeline, so that JIT and connections are ready.
            pipeline(admin, axle, clients, Math.min(readings / 10, 5_000), 0);

            double rawPerSecond = MqttLoad.raw(clients, mqttPort, "bench-rig", key, readings, TelemetryBenchmark::payload);
            Result pipeline = pipeline(admin, axle, clients, readings, 0);
            // Latency at a sustainable pace: half the stored rate just measured, for about ten seconds.
            double pace = pipeline.perSecond() / 2;
            Result paced = pipeline(admin, axle, clients, (int) Math.max(100, pace * 10), pace);

            System.out.printf("%n=== Telemetry benchmark: %d sensors, %d readings, MQTT QoS 1, %d in flight per sensor, %d cores ===%n",
                    sensors, readings, MqttLoad.IN_FLIGHT_PER_CLIENT, Runtime.getRuntime().availableProcessors());
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
            return MqttLoad.percentile(latenciesMillis, p);
        }
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
        MqttLoad.publish(clients, readings, perSecond,
                i -> "axle/runs/" + runId + "/sensors/sensor-" + (i % clients.size()), TelemetryBenchmark::payload);
        if (!all.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + seen.get() + " of " + readings + " readings reached the read model");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscription.cancel();
        admin.post("/api/runs/" + runId + "/finish", Map.of());
        return new Result(seconds, readings / seconds, latencies);
    }

    private static String payload(int i) {
        return "{\"temperature\":" + (15 + (i % 100) / 10.0) + ",\"humidity\":45.5,\"timestamp\":\"" + Instant.now() + "\"}";
    }
}
