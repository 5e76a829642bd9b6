package io.axle.command;

import io.axle.platform.privacy.PersonalDataKeys;
import io.axle.platform.privacy.SubjectErasedException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Data subjects' keys for aggregate fixtures: erasure as the real store records it, keys made up. */
public final class InMemoryPersonalDataKeys implements PersonalDataKeys {

    public static final Instant ERASED_AT = Instant.parse("2026-05-04T10:00:00Z");

    private final Map<String, Instant> erased = new HashMap<>();

    /** Records {@code subject} as erased before the test, as an earlier erasure would have. */
    public InMemoryPersonalDataKeys erased(String subject) {
        erased.put(subject, ERASED_AT);
        return this;
    }

    public boolean isErased(String subject) {
        return erased.containsKey(subject);
    }

    @Override
    public SecretKey keyToWrite(String subject) {
        if (erased.containsKey(subject)) {
            throw new SubjectErasedException(subject);
        }
        return new SecretKeySpec(new byte[32], "AES");
    }

    @Override
    public Optional<SecretKey> keyToRead(String subject) {
        return erased.containsKey(subject) ? Optional.empty() : Optional.of(keyToWrite(subject));
    }

    @Override
    public Instant erase(String subject) {
        return erased.computeIfAbsent(subject, s -> ERASED_AT);
    }

    @Override
    public Optional<Instant> erasedAt(String subject) {
        return Optional.ofNullable(erased.get(subject));
    }
}
