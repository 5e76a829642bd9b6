package io.axle.command.document.alert;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentFieldsExtractedEvent;
import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a document as alert rules see it straight from its event stream, as invoicing reads its facts
 * ({@code BillingFacts}): up to the event being handled, so that the same event always gives the same answer, on a
 * retry as on the first attempt, whatever happened to the document since. The latest of each step counts: the type of
 * the last classification, unless an operator corrected it (the operator's type wins from then on), and the fields of
 * the last extraction or validation. Only the events of
 * interest are deserialized.
 */
public class AlertedDocuments {

    /** The events read; the others (pages with their text, above all) are never deserialized. */
    private static final Set<Class<?>> READ = Set.of(DocumentUploadedEvent.class, DocumentClassifiedEvent.class,
            DocumentTypeCorrectedEvent.class, DocumentFieldsExtractedEvent.class, DocumentFieldsValidatedEvent.class,
            DocumentAlertRaisedEvent.class);

    private final EventStore eventStore;

    public AlertedDocuments(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Document {@code documentId} as of its event number {@code sequence}; empty when it was never uploaded. */
    public Optional<AlertedDocument> asOf(String documentId, long sequence) {
        String title = null;
        String type = null;
        boolean corrected = false;
        List<DocumentField> fields = List.of();
        Set<String> raised = new HashSet<>();
        DomainEventStream events = eventStore.readEvents(documentId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() > sequence) {
                break;
            }
            Class<?> kind = event.getPayloadType();
            if (!READ.contains(kind)) {
                continue;
            }
            Object payload = event.getPayload();
            if (payload instanceof DocumentUploadedEvent uploaded) {
                title = uploaded.title();
            } else if (payload instanceof DocumentClassifiedEvent classified && !corrected) {
                type = classified.type();
            } else if (payload instanceof DocumentTypeCorrectedEvent correction) {
                type = correction.type();
                corrected = true;
            } else if (payload instanceof DocumentFieldsExtractedEvent extracted) {
                fields = extracted.fields();
            } else if (payload instanceof DocumentFieldsValidatedEvent validated) {
                fields = validated.fields();
            } else if (payload instanceof DocumentAlertRaisedEvent alert) {
                raised.add(alert.rule());
            }
        }
        if (title == null) {
            return Optional.empty();
        }
        return Optional.of(new AlertedDocument(documentId, title, type == null ? "unknown" : type, fields, raised));
    }
}
