package io.axle.platform.privacy;

import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The AES-256 keys of data subjects, one per subject, kept apart from the data they encrypt. Erasing a subject destroys
 * its key for good and leaves a tombstone, so "erased" stays distinguishable from "never had personal data".
 */
public interface PersonalDataKeys {

    /** The key to encrypt {@code subject}'s data with, created on first use; refused once the subject is erased. */
    SecretKey keyToWrite(String subject) throws SubjectErasedException;

    /** The key to decrypt {@code subject}'s data with; empty when the subject was erased (or never had a key). */
    Optional<SecretKey> keyToRead(String subject);

    /**
     * Destroys {@code subject}'s key and answers when the subject was erased; erasing again answers the first erasure's
     * time. Joins the caller's transaction when there is one, so the key goes with the event recording the erasure.
     */
    Instant erase(String subject);

    /** When {@code subject} was erased, or empty when it was not. */
    Optional<Instant> erasedAt(String subject);
}
