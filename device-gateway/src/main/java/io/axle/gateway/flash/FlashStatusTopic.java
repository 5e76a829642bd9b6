package io.axle.gateway.flash;

import java.util.Optional;

import io.axle.api.flash.FlashTopics;

/** The MQTT address of a dongle's flash answers, {@code axle/dongles/{dongleId}/flash/status}. */
public record FlashStatusTopic(String dongleId) {

    /** The subscription filter matching the flash answers of every dongle. */
    public static final String FILTER = FlashTopics.PREFIX + "+" + FlashTopics.STATUS;

    /** The topic's dongle, when it is a flash status topic. */
    public static Optional<FlashStatusTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(FlashTopics.PREFIX) || !topic.endsWith(FlashTopics.STATUS)) {
            return Optional.empty();
        }
        String dongleId = topic.substring(FlashTopics.PREFIX.length(), topic.length() - FlashTopics.STATUS.length());
        if (dongleId.isEmpty() || dongleId.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(new FlashStatusTopic(dongleId));
    }

    @Override
    public String toString() {
        return new FlashTopics(dongleId).status();
    }
}
