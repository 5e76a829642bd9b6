package io.axle.api.document;

/** The document an upload is answered with: a new one, or ({@code duplicate}) the one that already has the bytes. */
public record DocumentUploadResult(String documentId, boolean duplicate) {
}
