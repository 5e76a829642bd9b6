package io.axle.gateway.mqtt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.gateway.GatewayNode;
import io.axle.gateway.flash.DeviceCommands;
import io.axle.gateway.flash.FlashStatusIngestion;
import io.axle.gateway.flash.FlashStatusRules;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.TelemetryProperties;
import io.axle.gateway.session.DeviceSessions;
import io.axle.gateway.vehicle.DonglePairings;
import io.axle.gateway.vehicle.FrameIngestion;
import io.axle.platform.ratelimit.RateLimiter;
import io.axle.platform.security.ApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process broker (on unless {@code axle.mqtt.embedded.enabled=false}), the external broker bridge, and the
 * flash traffic through them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttProperties.class)
class MqttConfiguration {

    /** How long a dongle waits for its flash answer to be recorded before it must publish it again. */
    static final Duration FLASH_STATUS_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEVICE_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    static final int FLASH_STATUS_THREADS = 4;

    @Bean
    SimulatorCredentials simulatorCredentials() {
        return new SimulatorCredentials();
    }

    /** Runs the lookups of the broker's extension (API keys in MongoDB) off HiveMQ's own threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService mqttLookupExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "axle-mqtt-lookup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    @ConditionalOnProperty(name = "axle.mqtt.embedded.enabled", havingValue = "true", matchIfMissing = true)
    static EmbeddedBrokerStarter axleEmbeddedBrokerStarter() {
        return new EmbeddedBrokerStarter();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axle.mqtt.embedded.enabled", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(EmbeddedBrokerStarter starter, ApiKeys apiKeys,
                                  SimulatorCredentials simulatorCredentials, ExecutorService mqttLookupExecutor,
                                  ReadingIngestion ingestion, FrameIngestion frames, DonglePairings pairings,
                                  TelemetryProperties telemetry, DeviceSessions sessions,
                                  ObjectProvider<RateLimiter> rateLimiter,
                                  @Value("${axle.rate-limit.enabled:true}") boolean rateLimited,
                                  MongoTemplate mongo, FlashStatusIngestion flashes) {
        // the same per-client allowance as HTTP, keyed by MQTT client id; none when the platform's limit is off
        RateLimiter limiter = rateLimited ? rateLimiter.getIfUnique() : null;
        return starter.attach(new GatewayExtension(
                new DeviceAuthenticator(apiKeys, simulatorCredentials, mqttLookupExecutor, new ClientIdOwners(mongo)),
                new ReadingInterceptor(ingestion, telemetry.sendTimeout(), limiter),
                new VehicleFrameInterceptor(frames, sessions, telemetry.sendTimeout(), limiter),
                new FlashStatusInterceptor(flashes, FLASH_STATUS_TIMEOUT),
                new SessionListener(sessions, pairings, Clock.systemUTC())));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${axle.mqtt.external.uri:}'.trim() != ''")
    ExternalBrokerBridge externalBrokerBridge(MqttProperties properties, GatewayNode node, ReadingIngestion ingestion,
                                              FrameIngestion frames, FlashStatusIngestion flashes) {
        return new ExternalBrokerBridge(properties.external(), node, ingestion, frames, flashes);
    }

    /**
     * The dongles' flash answers, sent to the FlashJobs from threads of their own (not an {@code Executor} bean, which
     * would take the place of Spring's task executor).
     */
    @Bean(destroyMethod = "close")
    FlashStatusIngestion flashStatusIngestion(ObjectMapper objectMapper, CommandGateway commands,
                                              MeterRegistry meters) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("axle-flash-status-");
        threads.setDaemon(true);
        return new FlashStatusIngestion(new FlashStatusRules(objectMapper, Clock.systemUTC()), commands, meters,
                FLASH_STATUS_THREADS, threads);
    }

    /**
     * Flash steps leave through every broker this node has: its own and the external one, so that a dongle finds its
     * commands on whichever it connects to (its steps are idempotent should it see one on both). Without a broker the
     * publish fails, and the step is retried. Primary: the bridge is a {@link DeviceCommands} of its own.
     */
    @Bean
    @Primary
    DeviceCommands deviceCommands(ObjectProvider<EmbeddedBroker> embedded, ObjectProvider<ExternalBrokerBridge> bridge) {
        List<DeviceCommands> brokers = new ArrayList<>();
        if (embedded.getIfAvailable() != null) {
            brokers.add(new EmbeddedDeviceCommands(DEVICE_COMMAND_TIMEOUT));
        }
        ExternalBrokerBridge external = bridge.getIfAvailable();
        if (external != null) {
            brokers.add(external);
        }
        return (topic, payload) -> {
            if (brokers.isEmpty()) {
                throw new IllegalStateException("No MQTT broker to send " + topic + " through: enable the in-process "
                        + "broker (axle.mqtt.embedded.enabled) or set axle.mqtt.external.uri");
            }
            brokers.forEach(broker -> broker.publish(topic, payload));
        };
    }

    /**
     * Where the simulator's sensors connect: this node's broker when it runs one, else the external broker, else
     * nowhere ({@code null}: simulated runs then fail).
     */
    @Bean
    BrokerEndpoint simulatorBrokerEndpoint(ObjectProvider<EmbeddedBroker> embedded, MqttProperties properties,
                                           SimulatorCredentials credentials) {
        EmbeddedBroker broker = embedded.getIfAvailable();
        if (broker != null) {
            return new BrokerEndpoint(broker.localHost(), broker.port(), false, credentials.username(),
                    credentials.secret());
        }
        MqttProperties.External external = properties.external();
        if (external.enabled()) {
            URI uri = ExternalBrokerBridge.parse(external.uri());
            return new BrokerEndpoint(uri.getHost(), ExternalBrokerBridge.port(uri), ExternalBrokerBridge.tls(uri),
                    external.username(), external.password());
        }
        return null;
    }
}
