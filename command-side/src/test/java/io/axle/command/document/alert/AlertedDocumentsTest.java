package io.axle.command.document.alert;

import io.axle.api.document.DocumentAlertRaisedEvent;
import io.axle.api.document.DocumentClassifiedEvent;
import io.axle.api.document.DocumentField;
import io.axle.api.document.DocumentFieldsExtractedEvent;
import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A document as alert rules see it, read from its own event stream up to the event being handled. */
class AlertedDocumentsTest {

    private static final String ID = "d-1";
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AlertedDocuments documents = new AlertedDocuments(store);
    private long sequence;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void theLatestTypeAndFieldsCountAsOfTheEventHandled() {
        append(new DocumentUploadedEvent(ID, "Scan 12", "scan.png", "image/png", 10, "c".repeat(64), List.of(), "a",
                AT));
        append(new DocumentPageReadEvent(ID, 1, 1, 1, "Facture", "ocr", 0.9, 0, 0));
        append(new DocumentClassifiedEvent(ID, 1, "letter", 0.4, "RULES"));
        append(new DocumentFieldsExtractedEvent(ID, 1, List.of(field("totalInclTax", "10.00")), List.of()));
        long firstRun = sequence - 1;
        append(new DocumentTypeCorrectedEvent(ID, "invoice", "letter", "bob", AT));
        append(new DocumentClassifiedEvent(ID, 2, "receipt", 0.9, "RULES"));
        append(new DocumentFieldsValidatedEvent(ID, List.of(field("totalInclTax", "12500.00")),
                List.of("totalInclTax"), List.of(), "bob", AT));
        append(new DocumentAlertRaisedEvent(ID, "large-invoice", "warning", "Invoice above 10000", AT));

        assertThat(documents.asOf(ID, firstRun)).contains(new AlertedDocument(ID, "Scan 12", "letter",
                List.of(field("totalInclTax", "10.00")), Set.of()));
        assertThat(documents.asOf(ID, sequence - 1)).contains(new AlertedDocument(ID, "Scan 12", "invoice",
                List.of(field("totalInclTax", "12500.00")), Set.of("large-invoice")));
    }

    @Test
    void aDocumentNotYetClassifiedIsUnknownAndOneNeverUploadedIsNone() {
        append(new DocumentUploadedEvent(ID, "Scan 12", "scan.png", "image/png", 10, "c".repeat(64), List.of(), "a",
                AT));

        assertThat(documents.asOf(ID, 0)).map(AlertedDocument::type).contains("unknown");
        assertThat(documents.asOf("nobody", 5)).isEmpty();
    }

    private void append(Object payload) {
        store.publish(new GenericDomainEventMessage<>("Document", ID, sequence++, payload));
    }

    private static DocumentField field(String name, String value) {
        return new DocumentField(name, value, 1, 0, false, "given by bob");
    }
}
