package io.axle.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import kafka.server.StandardFaultHandlerFactory;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A single-node Kafka cluster (KRaft, combined broker and controller) running inside this JVM on a durable directory:
 * the directory is formatted on first start and reused afterwards, so topics, records and committed consumer offsets
 * survive a restart. Clients use {@link #bootstrapServers()}; the controller listens on a free loopback port.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final ListenerName BROKER_LISTENER = new ListenerName("PLAINTEXT");
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Fewer than Kafka's 50: each partition is a log with its own files and a handful of groups use them. */
    private static final int OFFSETS_TOPIC_PARTITIONS = 10;

    /** How the broker is sized and where it keeps its data. */
    public record Settings(Path dataDirectory, int port, Duration retention) {
        public Settings {
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Kafka port must be 0..65535, was " + port);
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("Kafka log retention must be positive, was " + retention);
            }
        }
    }

    private final Path dataDirectory;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(Path dataDirectory, ControllerServer controller, BrokerServer broker) {
        this.dataDirectory = dataDirectory;
        this.controller = controller;
        this.broker = broker;
        this.port = broker.boundPort(BROKER_LISTENER);
    }

    /** Formats the directory when it is new, then starts controller and broker; returns once the broker serves. */
    public static EmbeddedKafkaBroker start(Settings settings) {
        Path dir = settings.dataDirectory();
        KafkaConfig config = new KafkaConfig(serverProperties(settings), false);
        formatIfNew(dir);

        Logger kafkaLog = LoggerFactory.getLogger(KafkaRaftServer.class);
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                KafkaRaftServer.initializeLogDirs(config, kafkaLog, "[EmbeddedKafka] ");
        MetaPropertiesEnsemble metaProperties = storage._1();
        Metrics metrics = Server.initializeMetrics(config, Time.SYSTEM, metaProperties.clusterId().get());

        // The controller binds a free port first; the quorum (this node alone) is known once that port is.
        CompletableFuture<Map<Integer, InetSocketAddress>> voters = new CompletableFuture<>();
        SharedServer shared = new SharedServer(config, metaProperties, Time.SYSTEM, metrics, voters, List.of(),
                new StandardFaultHandlerFactory());
        ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
        BrokerServer broker = new BrokerServer(shared);
        controller.socketServerFirstBoundPortFuture().whenComplete((controllerPort, failure) -> {
            if (failure != null) {
                voters.completeExceptionally(failure);
            } else {
                voters.complete(Map.of(NODE_ID, new InetSocketAddress(HOST, controllerPort)));
            }
        });
        try {
            controller.startup();
            broker.startup();
        } catch (RuntimeException e) {
            broker.shutdown();
            controller.shutdown();
            throw new IllegalStateException("Embedded Kafka could not start on " + HOST + ":" + settings.port()
                    + " with data in " + dir + ": " + e.getMessage(), e);
        }
        return new EmbeddedKafkaBroker(dir, controller, broker);
    }

    /** The broker's client port on 127.0.0.1 (the bound one when a free port was asked for). */
    public int port() {
        return port;
    }

    /** The {@code bootstrap.servers} value clients use. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Where the logs, the metadata log and {@code meta.properties} live. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker first (a controlled shutdown needs the controller), then the controller; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        broker.shutdown();
        controller.shutdown();
        broker.awaitShutdown();
        controller.awaitShutdown();
    }

    static Map<String, String> serverProperties(Settings settings) {
        Map<String, String> props = new HashMap<>();
        String dir = settings.dataDirectory().toString();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Placeholder: the real controller address is handed over once its port is bound (see start).
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":0");
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + settings.port() + "," + CONTROLLER_LISTENER + "://" + HOST + ":0");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER.value());
        props.put("log.dirs", dir);
        props.put("metadata.log.dir", dir);

        // One broker: every internal topic has one replica, and nothing waits for peers.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(OFFSETS_TOPIC_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");

        // A small footprint: this broker shares two cores and the heap with the whole application.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.replica.fetchers", "1");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));

        // Retention works on closed segments, so segments are kept small enough to age out.
        props.put("log.retention.ms", Long.toString(settings.retention().toMillis()));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        props.put("log.roll.ms", Long.toString(Math.min(settings.retention().toMillis(), Duration.ofDays(1).toMillis())));
        return props;
    }

    /** Writes {@code meta.properties} and the bootstrap metadata once; a formatted directory is left as it is. */
    private static void formatIfNew(Path dir) {
        if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String clusterId = Uuid.randomUuid().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setClusterId(clusterId)
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .run();
            log.info("Formatted new Kafka storage in {} (cluster id {})", dir, clusterId);
            log.debug("{}", output.toString(StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }
}
