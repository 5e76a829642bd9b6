package io.axle.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;

/**
 * The name of this gateway node: {@code axle.node-name}, else the host name and HTTP port, which is stable across
 * restarts; with a random HTTP port ({@code server.port=0}) the process id stands in, and the name is not
 * {@code stable}. Device sessions are recorded under it and the external broker bridge derives its MQTT client id
 * from it, so two nodes must not share one.
 */
public record GatewayNode(String name, boolean stable) {

    /** A node named explicitly, hence stable. */
    public GatewayNode(String name) {
        this(name, true);
    }

    public static GatewayNode from(Environment environment) {
        String configured = environment.getProperty("axle.node-name", "").strip();
        if (!configured.isEmpty()) {
            return new GatewayNode(configured);
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        String suffix = port > 0 ? Integer.toString(port) : Long.toString(ProcessHandle.current().pid());
        return new GatewayNode((host + "-" + suffix).replaceAll("[^A-Za-z0-9._-]", "-"), port > 0);
    }
}
