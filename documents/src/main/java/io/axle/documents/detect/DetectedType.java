package io.axle.documents.detect;

/**
 * What the bytes of a file are.
 *
 * @param format    the pipeline's format, {@link DocumentFormat#UNSUPPORTED} for anything it does not read
 * @param mediaType the media type recognised (for instance {@code application/zip}), kept also when unsupported so
 *                  a refusal can name what was sent
 */
public record DetectedType(DocumentFormat format, String mediaType) {

    public boolean supported() {
        return format != DocumentFormat.UNSUPPORTED;
    }
}
