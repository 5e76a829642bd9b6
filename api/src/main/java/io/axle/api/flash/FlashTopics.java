package io.axle.api.flash;

/**
 * The MQTT topics a dongle flashes through. The gateway publishes each requested step at QoS 1 on
 * {@code axle/dongles/{dongleId}/flash/commands}; the dongle answers on {@code axle/dongles/{dongleId}/flash/status}.
 * Payloads are JSON; docs/flashes.md describes them.
 */
public record FlashTopics(String dongleId) {

    public static final String PREFIX = "axle/dongles/";
    public static final String COMMANDS = "/flash/commands";
    public static final String STATUS = "/flash/status";

    public String commands() {
        return PREFIX + dongleId + COMMANDS;
    }

    public String status() {
        return PREFIX + dongleId + STATUS;
    }
}
