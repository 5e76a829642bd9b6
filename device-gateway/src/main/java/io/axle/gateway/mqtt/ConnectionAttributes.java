package io.axle.gateway.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the authenticator learns about a connection and leaves on it for the interceptor and the session listener. */
final class ConnectionAttributes {

    /** Who the client authenticated as: {@code apikey:<name>} or {@code simulator}. */
    static final String SOURCE = "axle.source";
    /** The device a device key is bound to: its connection sends that device's readings only. */
    static final String DEVICE_ID = "axle.device-id";
    /** The vehicle a dongle's connection speaks for, once its session names it. */
    static final String VEHICLE_ID = "axle.vehicle-id";
    /** Identifies this connection among the connections of the same client id. */
    static final String CONNECTION_ID = "axle.connection-id";

    private ConnectionAttributes() {
    }

    static String utf8(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
