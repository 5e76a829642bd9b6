package io.axle.command.document;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where originals are kept, byte for byte, under the SHA-256 of their bytes: a retried or repeated upload finds them
 * there and stores nothing. Uploads of the same new bytes at the same instant may each store a copy; each then
 * discards its own unless it is the oldest ({@link #discard}), so the oldest copy is kept and never removed.
 */
public interface OriginalStore {

    /** Whether bytes with this hash are stored. */
    boolean contains(String sha256);

    /**
     * Stores {@code bytes}, read once as a stream, under {@code sha256}; answers the id of this copy. The caller has
     * hashed the bytes: the store does not check them again.
     */
    String store(String sha256, String mediaType, InputStream bytes) throws IOException;

    /**
     * Removes copy {@code copyId} of {@code sha256} if an older copy of those bytes is stored; the oldest one is never
     * removed, so uploads discarding at the same instant cannot remove every copy.
     */
    void discard(String sha256, String copyId);

    /** The stored bytes with this hash, to be read once and closed, or empty when none are stored. */
    Optional<StoredOriginal> open(String sha256);

    /** An original being read: its length, the type it was stored with, and its bytes. */
    record StoredOriginal(long length, String mediaType, InputStream bytes) {
    }
}
