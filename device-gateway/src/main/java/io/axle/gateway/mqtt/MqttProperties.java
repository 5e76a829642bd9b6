package io.axle.gateway.mqtt;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code axle.mqtt.*}: the in-process broker ({@code embedded}) and the bridge from an external broker
 * ({@code external}, off while its uri is empty).
 */
@ConfigurationProperties("axle.mqtt")
public record MqttProperties(@DefaultValue Embedded embedded, @DefaultValue External external) {

    /**
     * The in-process broker: port ({@code 0} = a free one), listen address, per-client queue ceiling (HiveMQ's default
     * of 1,000 silently drops messages under load), how many QoS 1 readings one client may have waiting for Kafka
     * (HiveMQ's default is 10, which caps a single device at a few thousand readings a second), {@code file} or
     * {@code in-memory} persistence, and how long the application waits for it at start.
     */
    public record Embedded(@DefaultValue("true") boolean enabled,
                           @DefaultValue("1884") int port,
                           @DefaultValue("127.0.0.1") String bindAddress,
                           @DefaultValue("100000") long maxQueueSize,
                           @DefaultValue("100") int receiveMaximum,
                           @DefaultValue("file") String persistence,
                           @DefaultValue("60s") Duration startTimeout) {
    }

    /**
     * The external broker, e.g. {@code tcp://127.0.0.1:1883} ({@code ssl://} for TLS); the client id defaults to
     * {@code axle-gateway-<node>} and must be stable for the persistent session to survive a restart. All gateway
     * nodes share the readings through the shared subscription group {@code shareGroup}.
     */
    public record External(@DefaultValue("") String uri,
                           String username,
                           String password,
                           String clientId,
                           @DefaultValue("axle-gateway") String shareGroup,
                           @DefaultValue("1d") Duration sessionExpiry) {

        public boolean enabled() {
            return uri != null && !uri.isBlank();
        }
    }
}
