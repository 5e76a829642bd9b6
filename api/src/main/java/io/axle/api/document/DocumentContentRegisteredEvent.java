package io.axle.api.document;

/** Bytes with SHA-256 {@code sha256} were seen for the first time, and belong to document {@code documentId}. */
public record DocumentContentRegisteredEvent(String sha256, String documentId) {
}
