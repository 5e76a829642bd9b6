package io.axle.billing;

/** A signed PDF and the lowercase hex SHA-256 of its bytes. */
public record RenderedDocument(byte[] pdf, String sha256) {
}
