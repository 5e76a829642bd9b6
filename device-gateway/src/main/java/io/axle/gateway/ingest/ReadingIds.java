package io.axle.gateway.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Reading and frame ids in the UUID version 7 layout: the reading's time in milliseconds first, so ids sort by time and a store
 * indexing them appends instead of rewriting pages all over its index (several times faster on the embedded store).
 * The remaining 74 bits are random, or derived from the reading's content so that a redelivered copy gets the same id.
 */
public final class ReadingIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReadingIds() {
    }

    /** A fresh id for a reading taken at {@code time}. */
    public static String random(Instant time) {
        byte[] bits = new byte[10];
        RANDOM.nextBytes(bits);
        return layout(time, bits);
    }

    /**
     * The same id for the same run, sensor and timestamp, whatever the transport and however often it arrives (and so
     * for any other pair of names, e.g. a vehicle and its frames).
     */
    public static String derived(String runId, String sensorId, Instant timestamp) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((runId + '\n' + sensorId + '\n' + timestamp).getBytes(StandardCharsets.UTF_8));
            return layout(timestamp, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String layout(Instant time, byte[] bits) {
        ByteBuffer buffer = ByteBuffer.wrap(bits);
        long millis = Math.max(0, time.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (buffer.getShort() & 0x0FFFL);
        long low = (buffer.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
