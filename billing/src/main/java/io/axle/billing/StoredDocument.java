package io.axle.billing;

/** A stored PDF with its number and SHA-256. */
public record StoredDocument(String documentId, String number, String sha256, byte[] pdf) {
}
