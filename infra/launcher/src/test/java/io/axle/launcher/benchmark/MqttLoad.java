package io.axle.launcher.benchmark;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The MQTT load of the benchmarks that publish into the booted application's in-process broker (telemetry sensors,
 * vehicle dongles): connecting clients, publishing QoS 1 with a bounded window of unacknowledged messages per client,
 * the raw broker rate of the same publishers and payloads to one plain subscriber, and percentiles of latencies.
 */
final class MqttLoad {

    /** Unacknowledged QoS 1 publishes a client may have at once. */
    static final int IN_FLIGHT_PER_CLIENT = 10;

    private MqttLoad() {
    }

    /** A client of the broker on {@code port} of this host that authenticates as {@code username} with {@code secret}. */
    static Mqtt5AsyncClient client(String identifier, int port, String username, String secret) {
        return MqttClient.builder().useMqttVersion5().identifier(identifier).serverHost("127.0.0.1").serverPort(port)
                .simpleAuth().username(username).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildAsync();
    }

    /** {@code count} clients named {@code prefix}0, {@code prefix}1…, connected one after the other. */
    static List<Mqtt5AsyncClient> connect(int count, int port, String prefix, String username, String secret) {
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mqtt5AsyncClient client = client(prefix + i, port, username, secret);
            client.connect().join();
            clients.add(client);
        }
        return clients;
    }

    /**
     * Publishes {@code count} messages QoS 1 spread over the clients, each with a bounded window of unacknowledged ones,
     * at {@code perSecond} messages a second if positive.
     */
    static void publish(List<Mqtt5AsyncClient> clients, int count, double perSecond, IntFunction<String> topic,
            IntFunction<String> payload) throws InterruptedException {
        long start = System.nanoTime();
        List<Semaphore> windows = clients.stream().map(client -> new Semaphore(IN_FLIGHT_PER_CLIENT)).toList();
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            int sender = i % clients.size();
            Semaphore window = windows.get(sender);
            window.acquire();
            clients.get(sender).publishWith().topic(topic.apply(i)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.apply(i).getBytes(StandardCharsets.UTF_8)).send()
                    .whenComplete((result, error) -> {
                        window.release();
                        if (error != null || result.getError().isPresent()) {
                            failures.incrementAndGet();
                        }
                    });
        }
        for (Semaphore window : windows) {
            window.acquire(IN_FLIGHT_PER_CLIENT);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " publishes were not acknowledged");
        }
    }

    /**
     * The same publishers and payloads to a plain topic and one subscriber, authenticated with {@code username} and
     * {@code secret} (an admin key: devices may only publish on their own topics): what the broker alone carries, in
     * messages/s.
     */
    static double raw(List<Mqtt5AsyncClient> clients, int port, String username, String secret, int messages,
            IntFunction<String> payload) throws InterruptedException {
        Mqtt5AsyncClient subscriber = client("bench-raw-subscriber", port, username, secret);
        subscriber.connect().join();
        CountDownLatch all = new CountDownLatch(messages);
        subscriber.subscribeWith().topicFilter("bench/raw/#").qos(MqttQos.AT_LEAST_ONCE).callback(message -> all.countDown())
                .send().join();
        long start = System.nanoTime();
        publish(clients, messages, 0, i -> "bench/raw/client-" + (i % clients.size()), payload);
        if (!all.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the raw subscriber got only " + (messages - all.getCount()) + " of " + messages);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.disconnect().join();
        return messages / seconds;
    }

    /** The {@code p}th percentile (100: the maximum) of {@code values}, 0 when there are none. */
    static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }
}
