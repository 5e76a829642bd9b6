package io.axle.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.axle.gateway.GatewayNode;
import io.axle.gateway.GatewayTestSupport;
import io.axle.gateway.ingest.ReadingIngestion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bridge against a Mosquitto of its own on a free port, so that the broker can be down and come back: the bridge
 * keeps trying until it is up, and reconnects (and subscribes again) after it restarted.
 */
class ExternalBrokerReconnectTest extends GatewayTestSupport {

    @Autowired
    private ReadingIngestion ingestion;
    private Process mosquitto;
    private ExternalBrokerBridge bridge;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (bridge != null) {
            bridge.stop();
            bridge.close();
        }
        stopMosquitto();
    }

    private void startMosquitto(int port) throws IOException {
        File log = File.createTempFile("axle-mosquitto", ".log");
        log.deleteOnExit();
        try {
            mosquitto = new ProcessBuilder("mosquitto", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new AssertionError("The mosquitto binary is needed to run a private broker: " + e.getMessage(), e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
    }

    private void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly().waitFor();
            }
            mosquitto = null;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void publish(int port, String topic, String payload) {
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5()
                .identifier("axle-test-publisher-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        publisher.connect();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        publisher.disconnect();
    }

    private boolean bridged(String runId, String sensorId) {
        return recordsOf(runId).stream().anyMatch(record -> json(record.value()).get("sensorId").asText()
                .equals(sensorId) && ("mqtt:" + bridge.clientId()).equals(header(record, "client")));
    }

    @Test
    void theBridgeWaitsForItsBrokerAndComesBackAfterARestart() throws Exception {
        int port = freePort();
        String runId = startRun();
        bridge = new ExternalBrokerBridge(new MqttProperties.External("tcp://127.0.0.1:" + port, null, null,
                "axle-gateway-reconnect-" + TEST_RUN, "axle-gateway", Duration.ofSeconds(60)),
                new GatewayNode("reconnect"), ingestion);

        bridge.start();
        Thread.sleep(1000);
        assertThat(bridge.connected()).as("no broker yet").isFalse();

        startMosquitto(port);
        bridge.subscribed().get(40, TimeUnit.SECONDS);
        publish(port, SensorTopic.of(runId, "before-restart"), "{\"temperature\":20}");
        await().atMost(Duration.ofSeconds(20)).until(() -> bridged(runId, "before-restart"));

        stopMosquitto();
        await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.connected());
        startMosquitto(port);
        await().atMost(Duration.ofSeconds(40)).until(bridge::connected);
        // this broker kept no sessions: the reading arrives only if the bridge subscribed again
        bridge.subscribed().get(20, TimeUnit.SECONDS);
        publish(port, SensorTopic.of(runId, "after-restart"), "{\"temperature\":21}");
        await().atMost(Duration.ofSeconds(20)).until(() -> bridged(runId, "after-restart"));
    }
}
