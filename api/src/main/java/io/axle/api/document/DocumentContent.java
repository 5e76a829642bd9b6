package io.axle.api.document;

/**
 * The bytes of an original, named by their SHA-256 (lower-case hex): the DocumentContent aggregate {@link #id()} admits
 * the first document with these bytes and answers every later upload of them with that document.
 */
public record DocumentContent(String sha256) {

    /** Prefix of every content identifier. */
    public static final String ID_PREFIX = "document-content:";

    /** Identifier of the content aggregate of these bytes, e.g. {@code document-content:9f86d0…}. */
    public String id() {
        return ID_PREFIX + sha256;
    }
}
