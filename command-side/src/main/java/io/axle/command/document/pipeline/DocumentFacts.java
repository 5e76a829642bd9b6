package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the pipeline's processors need from the document's own event stream, not from a read model: it is current
 * the moment a command was stored, on any node and with any event store, so a redelivered event finds the pages its
 * first delivery recorded. Read from the first event, never from a snapshot.
 */
public class DocumentFacts {

    private final EventStore eventStore;

    public DocumentFacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The document's latest run, or empty when no document has this id. */
    Optional<DocumentRun> latestRun(String documentId) {
        return runAsOf(documentId, Long.MAX_VALUE);
    }

    /** The document's latest run as it stood after its event number {@code sequenceNumber}. */
    Optional<DocumentRun> runAsOf(String documentId, long sequenceNumber) {
        String sha256 = null;
        int run = 0;
        Map<Integer, DocumentPageReadEvent> pages = new HashMap<>();
        boolean text = false;
        boolean processed = false;
        String correctedType = null;
        String awaiting = null;
        boolean validated = false;
        DomainEventStream events = eventStore.readEvents(documentId, 0);
        while (events.hasNext() && events.peek().getSequenceNumber() <= sequenceNumber) {
            DomainEventMessage<?> event = events.next();
            Class<?> type = event.getPayloadType();
            if (type == DocumentUploadedEvent.class) {
                sha256 = ((DocumentUploadedEvent) event.getPayload()).sha256();
                run = 1;
            } else if (type == DocumentReprocessRequestedEvent.class) {
                run = ((DocumentReprocessRequestedEvent) event.getPayload()).run();
                pages = new HashMap<>();
                text = false;
                processed = false;
                awaiting = null;
                validated = false;
            } else if (type == DocumentPageReadEvent.class) {
                DocumentPageReadEvent page = (DocumentPageReadEvent) event.getPayload();
                pages.put(page.page(), page);
            } else if (type == DocumentTextExtractedEvent.class) {
                text = true;
            } else if (type == DocumentProcessedEvent.class) {
                processed = true;
                awaiting = null;
            } else if (type == DocumentTypeCorrectedEvent.class) {
                correctedType = ((DocumentTypeCorrectedEvent) event.getPayload()).type();
                awaiting = correctedType;
            } else if (type == DocumentFieldsValidatedEvent.class) {
                validated = true;
            }
        }
        return sha256 == null ? Optional.empty() : Optional.of(new DocumentRun(sha256, run, Map.copyOf(pages), text,
                processed, correctedType, awaiting, validated));
    }
}
