package io.axle.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one value of a data subject into a self-contained token {@code axle:pd:v1:<subject>:<base64(iv|ciphertext)>}
 * (AES-GCM, a random 96-bit IV per value, the subject as associated data so that a token cannot be moved to another
 * subject), and reads such tokens back: as the value, or as empty once the subject's key is destroyed. A token that
 * was altered is refused rather than read as something else.
 */
public final class PersonalDataCipher {

    /** How every token starts; a stored string without it is a value written before encryption, read as it is. */
    public static final String PREFIX = "axle:pd:v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PersonalDataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** True when {@code text} is a token of this cipher (any subject). */
    public static boolean isToken(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The token holding {@code plain} for {@code subject}; refused when the subject was erased. */
    public String encrypt(String subject, byte[] plain) {
        if (subject == null || subject.isBlank() || subject.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A data subject id is required, without ':' (got '" + subject + "')");
        }
        SecretKey key = keys.keyToWrite(subject);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] both = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, both, 0, iv.length);
            System.arraycopy(sealed, 0, both, iv.length, sealed.length);
            return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(both);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt personal data of " + subject, e);
        }
    }

    /** The value in {@code token}, or empty when its subject's key was destroyed; an altered token is refused. */
    public Optional<byte[]> decrypt(String token) {
        if (!isToken(token)) {
            throw new IllegalArgumentException("Not a personal data token");
        }
        int split = token.indexOf(':', PREFIX.length());
        if (split < 0) {
            throw new TamperedTokenException("a personal data token without its subject");
        }
        String subject = token.substring(PREFIX.length(), split);
        Optional<SecretKey> key = keys.keyToRead(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] both = Base64.getDecoder().decode(token.substring(split + 1));
            if (both.length < IV_BYTES + TAG_BITS / 8) {
                throw new TamperedTokenException("a personal data token of " + subject + " too short to be one");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, both, 0, IV_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(both, IV_BYTES, both.length - IV_BYTES));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new TamperedTokenException("a personal data token of " + subject + " was altered or damaged", e);
        }
    }

    /** A token that does not authenticate under its subject's key: altered, truncated or moved. */
    public static final class TamperedTokenException extends IllegalStateException {

        TamperedTokenException(String message) {
            super(message);
        }

        TamperedTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
