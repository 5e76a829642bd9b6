package io.axle.documents.detect;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Recognises a file from its first bytes with Tika's magic-number table (tika-core only), never from a name or a
 * declared type. The stream is left where it was: the detector reads under a mark and resets, so the caller can go on
 * to store or read the same stream.
 */
public final class TypeDetector {

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    /**
     * @param in a stream that supports mark/reset (wrap it in a {@link BufferedInputStream} otherwise); it is not
     *           closed and is back at its start afterwards
     */
    public DetectedType detect(InputStream in) {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("type detection needs a stream that supports mark/reset");
        }
        try {
            MediaType type = mimeTypes.detect(in, new Metadata());
            String mediaType = type.getBaseType().toString();
            return new DetectedType(DocumentFormat.of(mediaType), mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException("the file's first bytes cannot be read", e);
        }
    }

    public DetectedType detect(byte[] bytes) {
        return detect(new BufferedInputStream(new ByteArrayInputStream(bytes)));
    }
}
