package io.axle.api.document;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an original already stored under its SHA-256: routed to the content of those bytes, which creates document
 * {@code documentId} the first time and otherwise answers the document that has them. Answers a
 * {@link DocumentUploadResult}. {@code mediaType} is the type recognised from the bytes; {@code title} and
 * {@code tags} are optional.
 */
public record UploadDocumentCommand(String documentId, String sha256, String title, String fileName,
                                    String mediaType, long size, List<String> tags, String uploadedBy) {

    /** The content aggregate of these bytes, which decides whether they are new. */
    @TargetAggregateIdentifier
    public String contentId() {
        return new DocumentContent(sha256).id();
    }
}
