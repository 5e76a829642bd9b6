package io.axle.gateway.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.axle.api.common.Refusal;
import io.axle.gateway.GatewayNode;
import io.axle.gateway.flash.DeviceCommands;
import io.axle.gateway.flash.FlashStatusIngestion;
import io.axle.gateway.flash.FlashStatusTopic;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.ReadingRefusedException;
import io.axle.gateway.vehicle.FrameIngestion;
import io.axle.gateway.vehicle.FrameRefusalLog;
import io.axle.gateway.vehicle.ObdTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes readings from an external MQTT broker (e.g. Mosquitto) and ingests them like the in-process broker does.
 * MQTT 5, a persistent session ({@code cleanStart=false} with a session expiry) and the shared subscription
 * {@code $share/<group>/axle/runs/+/sensors/+} at QoS 1, so that the nodes share the load, and likewise
 * {@code $share/<group>/axle/vehicles/+/obd} for OBD-II frames (which dongle may publish for which vehicle is the
 * external broker's ACL to enforce: the bridge does not know who published). Each message is
 * acknowledged only after Kafka acknowledged its reading; a message unacknowledged when the node dies is redelivered
 * to the session. A refused reading is acknowledged (dropped), logged and counted. The client reconnects by itself;
 * while Kafka is away a reading is retried, holding back its acknowledgement. With flash answers taken, it also
 * subscribes to {@code $share/<group>/axle/dongles/+/flash/status} (that only dongle D publishes on D's topic is
 * the external broker's ACL to enforce) and acknowledges each once its {@code RecordFlashStatusCommand} completed or
 * was refused; as {@link DeviceCommands} it publishes flash steps to the dongles at QoS 1.
 */
public class ExternalBrokerBridge implements SmartLifecycle, DeviceCommands {

    /** The longest wait for the external broker's PUBACK of a device command. */
    static final long PUBLISH_TIMEOUT_SECONDS = 10;

    static final String TRANSPORT = "mqtt";
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerBridge.class);

    private final MqttProperties.External settings;
    private final ReadingIngestion ingestion;
    private final FrameIngestion frames;
    private final FrameRefusalLog frameRefusals = new FrameRefusalLog();
    private final FlashStatusIngestion flashes;
    private final String flashFilter;
    private final String clientId;
    private final String filter;
    private final String frameFilter;
    private final URI uri;
    private final Mqtt5AsyncClient client;
    private final ScheduledExecutorService worker;
    /** The SUBACK of the current connection's subscription; a fresh one after each lost connection. */
    private final AtomicReference<CompletableFuture<Mqtt5SubAck>> subscription =
            new AtomicReference<>(new CompletableFuture<>());
    private volatile boolean running;

    /** A bridge of readings only (it does not subscribe to frames). */
    public ExternalBrokerBridge(MqttProperties.External settings, GatewayNode node, ReadingIngestion ingestion) {
        this(settings, node, ingestion, null);
    }

    /** {@code frames} may be {@code null}: the bridge then takes readings only. */
    public ExternalBrokerBridge(MqttProperties.External settings, GatewayNode node, ReadingIngestion ingestion,
                                FrameIngestion frames) {
        this(settings, node, ingestion, frames, null);
    }

    /** {@code frames} and {@code flashes} may be {@code null}: the bridge then does not subscribe to them. */
    public ExternalBrokerBridge(MqttProperties.External settings, GatewayNode node, ReadingIngestion ingestion,
                                FrameIngestion frames, FlashStatusIngestion flashes) {
        this.settings = settings;
        this.ingestion = ingestion;
        this.frames = frames;
        this.flashes = flashes;
        this.uri = parse(settings.uri());
        boolean clientIdSet = settings.clientId() != null && !settings.clientId().isBlank();
        this.clientId = clientIdSet ? settings.clientId() : "axle-gateway-" + node.name();
        if (!clientIdSet && !node.stable()) {
            log.warn("MQTT bridge client id {} is made of this process's pid (no axle.node-name, server.port=0): "
                    + "the persistent session on {} will not be found again after a restart, and readings kept "
                    + "there are lost to this gateway; set axle.mqtt.external.client-id (or axle.node-name)",
                    clientId, settings.uri());
        }
        this.filter = "$share/" + settings.shareGroup() + "/" + SensorTopic.FILTER;
        this.frameFilter = frames == null ? null : "$share/" + settings.shareGroup() + "/" + ObdTopic.FILTER;
        this.flashFilter = flashes == null ? null
                : "$share/" + settings.shareGroup() + "/" + FlashStatusTopic.FILTER;
        // once closed, what the client still hands over (its session expiring later) is dropped, not thrown
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "axle-mqtt-bridge");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(uri.getHost())
                .serverPort(port(uri))
                .automaticReconnect().initialDelay(1, TimeUnit.SECONDS).maxDelay(30, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> {
                    log.info("MQTT bridge {} connected to {}; subscribing to {}, {} and {}", clientId, this.uri,
                            filter, frameFilter, flashFilter);
                    subscribe();
                })
                .addDisconnectedListener(context -> {
                    subscription.getAndUpdate(previous -> previous.isDone() ? new CompletableFuture<>() : previous);
                    if (running) {
                        log.warn("MQTT bridge {} is not connected to {} ({}); reconnecting", clientId, this.uri,
                                context.getCause().getMessage());
                    }
                });
        if (tls(uri)) {
            builder = builder.sslWithDefaultConfig();
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            builder = builder.simpleAuth().username(settings.username())
                    .password(settings.password() == null ? new byte[0]
                            : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
        // registered before connecting, so that messages the session kept for us are not missed
        client.publishes(MqttGlobalPublishFilter.ALL, this::received, worker, true);
    }

    @Override
    public void start() {
        running = true;
        client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                .send()
                .whenComplete((connAck, failure) -> {
                    if (failure != null) {
                        log.warn("MQTT bridge {} cannot reach {} yet ({}); it keeps trying", clientId, uri,
                                failure.getMessage());
                    } else {
                        log.info("MQTT bridge {} session {}", clientId,
                                connAck.isSessionPresent() ? "resumed" : "created");
                    }
                });
    }

    private void subscribe() {
        CompletableFuture<Mqtt5SubAck> current = subscription.get();
        var subscribe = client.subscribeWith()
                .addSubscription().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
        if (frameFilter != null) {
            subscribe = subscribe.addSubscription().topicFilter(frameFilter).qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription();
        }
        if (flashFilter != null) {
            subscribe = subscribe.addSubscription().topicFilter(flashFilter).qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription();
        }
        subscribe.send()
                .whenComplete((subAck, failure) -> {
                    if (failure != null) {
                        log.warn("MQTT bridge {} could not subscribe to {}", clientId, filter, failure);
                        current.completeExceptionally(failure);
                    } else {
                        current.complete(subAck);
                    }
                });
    }

    /**
     * Completes with the broker's SUBACK once the subscription of the current connection is in place; after a lost
     * connection, a new future stands for the subscription made on reconnecting.
     */
    public CompletableFuture<Mqtt5SubAck> subscribed() {
        return subscription.get();
    }

    private void received(Mqtt5Publish publish) {
        Optional<FlashStatusTopic> flashTopic = FlashStatusTopic.parse(publish.getTopic().toString());
        if (flashTopic.isPresent() && flashes != null) {
            recordFlashStatus(publish, flashTopic.get(), 0);
            return;
        }
        Optional<ObdTopic> frameTopic = ObdTopic.parse(publish.getTopic().toString());
        if (frameTopic.isPresent() && frames != null) {
            ingestFrame(publish, frameTopic.get(), 0);
            return;
        }
        Optional<SensorTopic> topic = SensorTopic.parse(publish.getTopic().toString());
        if (topic.isEmpty()) {
            publish.acknowledge();
            return;
        }
        ingest(publish, topic.get(), 0);
    }

    private void ingest(Mqtt5Publish publish, SensorTopic topic, int attempt) {
        ReadingIngestion.Origin origin = new ReadingIngestion.Origin(TRANSPORT, "mqtt:" + uri.getHost(),
                "mqtt:" + clientId, null, true);
        try {
            ingestion.ingest(publish.getPayloadAsBytes(), topic.fields(), origin).whenComplete((reading, failure) -> {
                if (failure == null) {
                    publish.acknowledge();
                } else {
                    retryLater(publish, topic, attempt, failure);
                }
            });
        } catch (ReadingRefusedException refused) {
            log.info("Refused reading from external broker {} on {}: rule {} on field {} ({})", uri, topic,
                    refused.rule(), refused.field(), refused.getMessage());
            publish.acknowledge();
        } catch (RuntimeException e) {
            retryLater(publish, topic, attempt, e);
        }
    }

    private void ingestFrame(Mqtt5Publish publish, ObdTopic topic, int attempt) {
        FrameIngestion.Sender sender = new FrameIngestion.Sender(TRANSPORT, "mqtt:" + uri.getHost(),
                "mqtt:" + clientId, null, null);
        try {
            frames.ingest(publish.getPayloadAsBytes(), topic.vehicleId(), sender).whenComplete((frame, failure) -> {
                if (failure == null) {
                    publish.acknowledge();
                } else {
                    retryLater(publish, topic, attempt, failure, () -> ingestFrame(publish, topic, attempt + 1));
                }
            });
        } catch (ReadingRefusedException refused) {
            frameRefusals.refused("external broker " + uri, topic, refused);
            publish.acknowledge();
        } catch (RuntimeException e) {
            retryLater(publish, topic, attempt, e, () -> ingestFrame(publish, topic, attempt + 1));
        }
    }

    private void recordFlashStatus(Mqtt5Publish publish, FlashStatusTopic topic, int attempt) {
        FlashStatusIngestion.Sender sender = new FlashStatusIngestion.Sender(TRANSPORT, "mqtt:" + uri.getHost(),
                "mqtt:" + clientId);
        try {
            flashes.record(topic.dongleId(), publish.getPayloadAsBytes(), sender).whenComplete((refusal, failure) -> {
                if (failure != null) {
                    retryLater(publish, topic, attempt, failure, () -> recordFlashStatus(publish, topic, attempt + 1));
                    return;
                }
                refusal.ifPresent(refused -> logRefusal(topic, refused));
                publish.acknowledge();
            });
        } catch (ReadingRefusedException refused) {
            logRefusal(topic, refused.refusal());
            publish.acknowledge();
        } catch (RuntimeException e) {
            retryLater(publish, topic, attempt, e, () -> recordFlashStatus(publish, topic, attempt + 1));
        }
    }

    private void logRefusal(FlashStatusTopic topic, Refusal refusal) {
        log.info("Refused flash status from external broker {} on {}: rule {} on field {} ({})", uri, topic,
                refusal.rule(), refusal.field(), refusal.detail());
    }

    /** Publishes a device command on the external broker at QoS 1 and waits for its PUBACK. */
    @Override
    public void publish(String topic, byte[] payload) {
        Mqtt5PublishResult result;
        try {
            result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing on " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The external broker " + uri + " did not take the command on " + topic, e);
        }
        result.getError().ifPresent(error -> {
            throw new IllegalStateException("The external broker " + uri + " refused the command on " + topic, error);
        });
    }

    private void retryLater(Mqtt5Publish publish, SensorTopic topic, int attempt, Throwable failure) {
        retryLater(publish, topic, attempt, failure, () -> ingest(publish, topic, attempt + 1));
    }

    /** Holds the acknowledgement back and tries again, waiting a little longer each time (at most 30 s). */
    private void retryLater(Mqtt5Publish publish, Object topic, int attempt, Throwable failure, Runnable again) {
        if (!running) {
            return;
        }
        long delay = Math.min(30, 1L << Math.min(attempt, 5));
        log.warn("Message on {} from {} not stored ({}); trying again in {} s", topic, uri, failure.getMessage(),
                delay);
        worker.schedule(again, delay, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        running = false;
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("MQTT bridge {} did not disconnect cleanly", clientId, e);
        }
    }

    public void close() {
        running = false;
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the in-process broker and Kafka, before the web server. */
    @Override
    public int getPhase() {
        return EmbeddedBroker.PHASE + 1;
    }

    public String clientId() {
        return clientId;
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    static URI parse(String value) {
        URI parsed = URI.create(value.strip());
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("axle.mqtt.external.uri must look like tcp://host:1883, not " + value);
        }
        return parsed;
    }

    static boolean tls(URI uri) {
        String scheme = uri.getScheme() == null ? "tcp" : uri.getScheme().toLowerCase(Locale.ROOT);
        return Map.of("ssl", true, "mqtts", true, "tls", true).getOrDefault(scheme, false);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : tls(uri) ? 8883 : 1883;
    }
}
