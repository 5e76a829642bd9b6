package io.axle.billing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A signed PDF and the lowercase hex SHA-256 of its bytes. */
public record RenderedDocument(byte[] pdf, String sha256) {

    /** The lowercase hex SHA-256 of {@code bytes}: the {@link #sha256()} of a document whose PDF they are. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
