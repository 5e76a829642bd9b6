package io.axle.gateway.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.configuration.service.InternalConfigurations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The in-process MQTT broker (HiveMQ CE), configured from {@code axle.mqtt.embedded.*} with its files under
 * {@code <data-dir>/mqtt}. It boots in the background from the start of the application ({@link EmbeddedBrokerStarter}),
 * and the application waits for it before its event processors and web server start, so simulated sensors and
 * devices always find it listening. It stops before the Kafka producer it feeds.
 */
public class EmbeddedBroker implements SmartLifecycle {

    /** Before Axon's processors (which start simulations) and the web server. */
    static final int PHASE = -1000;
    static final int PERSISTENCE_BUCKETS = 16;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final MqttProperties.Embedded settings;
    private final int port;
    private final EmbeddedHiveMQ hivemq;
    private final CompletableFuture<Void> started;
    private final long startNanos;
    private volatile long readyNanos;
    private volatile boolean running;

    private final DeferredExtension extension;
    private final AtomicBoolean closed = new AtomicBoolean();

    EmbeddedBroker(MqttProperties.Embedded settings, Path home, DeferredExtension extension) {
        this.extension = extension;
        this.settings = settings;
        this.port = settings.port() > 0 ? settings.port() : freePort(settings.bindAddress());
        Path conf = home.resolve("conf");
        Path data = home.resolve("data");
        Path extensions = home.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the MQTT broker's folders under " + home, e);
        }
        this.hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("axle-gateway")
                        .withName("Axle device gateway")
                        .withVersion("1")
                        .withAuthor("Axle")
                        .withPriority(1000)
                        .withExtensionMain(extension)
                        .build())
                .build();
        // the embedded broker lets every client in when no extension authenticates; ours must, or nobody gets in
        InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
        // a quarter of HiveMQ's 64 persistence buckets and no JMX reporter: about a second less CPU at each start;
        // the bucket count must stay the same for a data folder, or the sessions stored in it are not found again
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(PERSISTENCE_BUCKETS);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(PERSISTENCE_BUCKETS);
        InternalConfigurations.JMX_REPORTER_ENABLED.set(false);
        this.startNanos = System.nanoTime();
        this.started = hivemq.start().whenComplete((done, failure) -> readyNanos = System.nanoTime());
    }

    String configXml() {
        String persistence = settings.persistence().strip().toLowerCase(Locale.ROOT);
        if (!persistence.equals("file") && !persistence.equals("in-memory")) {
            throw new IllegalArgumentException("axle.mqtt.embedded.persistence must be file or in-memory, not "
                    + settings.persistence());
        }
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, settings.bindAddress(), settings.maxQueueSize(), settings.receiveMaximum(),
                        persistence);
    }

    @Override
    public void start() {
        long waitFrom = System.nanoTime();
        try {
            started.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            extension.started().get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The MQTT broker did not start on " + settings.bindAddress() + ":" + port, e);
        }
        running = true;
        long waited = System.nanoTime() - waitFrom;
        log.info("MQTT broker listening on {}:{} ({} persistence; booted in {} ms beside the application, "
                        + "which waited {} ms for it)", settings.bindAddress(), port, settings.persistence(),
                TimeUnit.NANOSECONDS.toMillis(readyNanos - startNanos), TimeUnit.NANOSECONDS.toMillis(waited));
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("The MQTT broker did not stop cleanly", e);
        }
    }

    /** Releases the broker even when the application failed before it started; safe to call more than once. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        try {
            hivemq.close();
        } catch (Exception e) {
            log.warn("The MQTT broker did not close cleanly", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The port devices connect to. */
    public int port() {
        return port;
    }

    /** The address clients of this process use to reach the broker. */
    public String localHost() {
        String bind = settings.bindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private static int freePort(String bindAddress) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the MQTT broker on " + bindAddress, e);
        }
    }
}
