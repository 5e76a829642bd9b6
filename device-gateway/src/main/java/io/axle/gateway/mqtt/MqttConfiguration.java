package io.axle.gateway.mqtt;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.axle.gateway.GatewayNode;
import io.axle.gateway.ingest.ReadingIngestion;
import io.axle.gateway.ingest.TelemetryProperties;
import io.axle.gateway.session.DeviceSessions;
import io.axle.gateway.vehicle.DonglePairings;
import io.axle.gateway.vehicle.FrameIngestion;
import io.axle.platform.ratelimit.RateLimiter;
import io.axle.platform.security.ApiKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.context.annotation.Configuration;

/** The in-process broker (on unless {@code axle.mqtt.embedded.enabled=false}) and the external broker bridge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttProperties.class)
class MqttConfiguration {

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
                                  MongoTemplate mongo) {
        // the same per-client allowance as HTTP, keyed by MQTT client id; none when the platform's limit is off
        RateLimiter limiter = rateLimited ? rateLimiter.getIfUnique() : null;
        return starter.attach(new GatewayExtension(
                new DeviceAuthenticator(apiKeys, simulatorCredentials, mqttLookupExecutor, new ClientIdOwners(mongo)),
                new ReadingInterceptor(ingestion, telemetry.sendTimeout(), limiter),
                new VehicleFrameInterceptor(frames, sessions, telemetry.sendTimeout(), limiter),
                new SessionListener(sessions, pairings, Clock.systemUTC())));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${axle.mqtt.external.uri:}'.trim() != ''")
    ExternalBrokerBridge externalBrokerBridge(MqttProperties properties, GatewayNode node, ReadingIngestion ingestion,
                                              FrameIngestion frames) {
        return new ExternalBrokerBridge(properties.external(), node, ingestion, frames);
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
