package io.axle.gateway.mqtt;

/**
 * Where and as whom a client of this node reaches the broker that feeds the gateway: the in-process broker with the
 * simulator credential, or the external broker with the bridge's credentials.
 */
public record BrokerEndpoint(String host, int port, boolean tls, String username, String password) {

    @Override
    public String toString() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }
}
