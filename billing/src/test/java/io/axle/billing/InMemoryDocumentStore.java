package io.axle.billing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DocumentStore} in memory, for the tests of the code around the store (mailer, PDF endpoint). */
public final class InMemoryDocumentStore implements DocumentStore {

    private final Map<String, StoredDocument> documents = new ConcurrentHashMap<>();

    @Override
    public void put(String documentId, String number, RenderedDocument document) {
        documents.put(documentId, new StoredDocument(documentId, number, document.sha256(), document.pdf()));
    }

    @Override
    public Optional<StoredDocument> find(String documentId) {
        return Optional.ofNullable(documents.get(documentId));
    }

    /** Stores {@code pdf} with its own SHA-256. */
    public void put(String documentId, String number, byte[] pdf) {
        put(documentId, number, new RenderedDocument(pdf, sha256(pdf)));
    }

    /** The lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
