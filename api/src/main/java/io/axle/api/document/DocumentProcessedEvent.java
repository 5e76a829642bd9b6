package io.axle.api.document;

import java.time.Instant;
import java.util.List;

/**
 * Pipeline run {@code run} ended: the document is READY, or waits in the validation queue when
 * {@code needsValidation}, for the {@code reasons} given (a field or the type below its threshold, a required field
 * missing), each naming the field.
 */
public record DocumentProcessedEvent(String documentId, int run, boolean needsValidation, List<String> reasons,
                                     Instant processedAt) {
}
