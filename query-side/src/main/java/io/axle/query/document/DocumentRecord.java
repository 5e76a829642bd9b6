package io.axle.query.document;

import io.axle.api.document.DocumentAlert;
import io.axle.api.document.DocumentFailure;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentHistoryEntry;
import io.axle.api.document.DocumentUpdate;
import io.axle.api.document.DocumentView;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * A document as stored in the {@value DocumentProjection#COLLECTION} collection. Fed by two streams: the document's
 * own ({@code sequence}) and the content register of its bytes ({@code contentSequence}, the duplicates uploaded).
 * A register's event may come first; the record then holds only its history until the upload arrives, and is
 * neither found nor listed before ({@code sequence} null). The pipeline's findings are the latest of each: a later
 * run, a correction or a validation replaces what came before.
 */
record DocumentRecord(
        @Id String documentId,
        String title,
        String fileName,
        String mediaType,
        long size,
        String sha256,
        String status,
        String duplicateOf,
        String language,
        Double languageConfidence,
        int pages,
        int pagesRead,
        int run,
        String type,
        Double typeConfidence,
        String typeSource,
        List<DocumentField> fields,
        List<String> missingFields,
        List<String> validationReasons,
        DocumentFailure failure,
        List<DocumentAlert> alerts,
        List<String> tags,
        String uploadedBy,
        Instant uploadedAt,
        List<DocumentHistoryEntry> history,
        Long sequence,
        Long contentSequence) {

    /** A record holding only a history line of the content register, written before the upload arrives. */
    static DocumentRecord historyOnly(String documentId, DocumentHistoryEntry entry, long contentSequence) {
        return new DocumentRecord(documentId, null, null, null, 0, null, null, null, null, null, 0, 0, 0, null, null,
                null, List.of(), List.of(), List.of(), null, List.of(), null, null, null, List.of(entry), null,
                contentSequence);
    }

    /** Whether the upload itself has been applied. */
    boolean uploaded() {
        return sequence != null;
    }

    long sequenceOrNone() {
        return sequence == null ? -1 : sequence;
    }

    long contentSequenceOrNone() {
        return contentSequence == null ? -1 : contentSequence;
    }

    /** The history as stored, never null. */
    List<DocumentHistoryEntry> historyOrNone() {
        return history == null ? List.of() : history;
    }

    DocumentView toView() {
        List<DocumentHistoryEntry> ordered = historyOrNone().stream()
                .sorted(Comparator.comparing(DocumentHistoryEntry::at)).toList();
        return new DocumentView(documentId, title, fileName, mediaType, size, sha256, status, duplicateOf, language,
                languageConfidence, pages, pagesRead, run, type, typeConfidence, typeSource, orNone(fields),
                orNone(missingFields), orNone(validationReasons), failure, orNone(alerts), orNone(tags), uploadedBy,
                uploadedAt, ordered);
    }

    DocumentUpdate toUpdate() {
        return new DocumentUpdate(documentId, status, pagesRead, pages, type);
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }
}
