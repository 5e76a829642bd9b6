package io.axle.command.document.pipeline;

import io.axle.api.document.DocumentFieldsValidatedEvent;
import io.axle.api.document.DocumentPageReadEvent;
import io.axle.api.document.DocumentProcessedEvent;
import io.axle.api.document.DocumentReprocessRequestedEvent;
import io.axle.api.document.DocumentTextExtractedEvent;
import io.axle.api.document.DocumentTypeCorrectedEvent;
import io.axle.api.document.DocumentUploadedEvent;
import io.axle.api.document.RecordDocumentUnderstandingCommand;
import io.axle.api.document.RecordRetypedDocumentFieldsCommand;
import io.axle.documents.understanding.DocumentUnderstanding;
import io.axle.documents.understanding.classification.DocumentClassifier;
import io.axle.documents.understanding.classification.LearnedClassifier;
import io.axle.documents.understanding.classification.RuleClassifier;
import io.axle.documents.understanding.classification.TypeRules;
import io.axle.documents.understanding.fields.ConfidenceThresholds;
import io.axle.documents.understanding.language.LanguageIdentifier;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/** The understanding step: what it records, what it passes over when delivered again, and what a replay redoes. */
class DocumentUnderstandingStepTest {

    private static final String ID = "d-1";
    private static final String INVOICE = """
            Garage Martin SARL — SIRET 732 829 320 00074
            FACTURE N° FA-2026-0042
            Date de facture : 12/03/2026
            Total HT : 1 028,80 €
            TVA 20 % : 205,76 €
            Total TTC : 1 234,56 €
            Nous vous remercions de votre confiance et restons à votre disposition pour tout renseignement.
            """;
    private static final DocumentTextExtractedEvent EXTRACTED = new DocumentTextExtractedEvent(ID, 1, 1, 0,
            INVOICE.length(), 1.0, Instant.EPOCH);

    private final List<Object> sent = new ArrayList<>();
    private EventStore eventStore;
    private LearnedClassifier learned;
    private DocumentUnderstandingStep step;
    private long sequence;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        learned = new LearnedClassifier(new ByteBuffersDirectory(), DocumentClassifier.DEFAULT_K);
        DocumentUnderstanding understanding = new DocumentUnderstanding(new LanguageIdentifier(),
                new DocumentClassifier(new RuleClassifier(TypeRules.defaults()), learned),
                ConfidenceThresholds.defaults().with("iban", 0.99));
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
            sent.add(((CommandMessage<?>) call.getArgument(0)).getPayload());
            return null;
        }).when(gateway).sendAndWait(any());
        step = new DocumentUnderstandingStep(new DocumentFacts(eventStore), understanding,
                new PipelineCommands(gateway, Runnable::run));
        given(new DocumentUploadedEvent(ID, "t", "t.pdf", "application/pdf", 10, "sha", List.of(), "alice",
                Instant.EPOCH));
        given(new DocumentPageReadEvent(ID, 1, 1, 1, INVOICE, "text-layer", 1.0, 0, 0));
        given(EXTRACTED);
    }

    @AfterEach
    void tearDown() throws Exception {
        learned.close();
    }

    private void given(Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Document", ID, sequence++, event));
    }

    private void processed() {
        given(new DocumentProcessedEvent(ID, 1, false, List.of(), Instant.EPOCH));
    }

    @Test
    void recordsLanguageTypeFieldsAndTheReasonsEachNamingItsField() {
        step.on(EXTRACTED, ReplayStatus.REGULAR);

        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordDocumentUnderstandingCommand.class, c -> {
            assertThat(c.run()).isEqualTo(1);
            assertThat(c.language()).isEqualTo("fr");
            assertThat(c.type()).isEqualTo("invoice");
            assertThat(c.typeSource()).isEqualTo("RULES");
            assertThat(c.rerun()).isFalse();
            assertThat(c.fields()).extracting(f -> f.name() + "=" + f.value())
                    .contains("invoiceNumber=FA-2026-0042", "totalInclTax=1234.56");
            assertThat(c.needsValidation()).isEqualTo(!c.reasons().isEmpty());
            assertThat(c.reasons()).allSatisfy(reason -> assertThat(reason).matches("[a-zA-Z]+: .*"));
        });
    }

    @Test
    void aRedeliveryAfterTheRunEndedRecordsNothing() {
        processed();

        step.on(EXTRACTED, ReplayStatus.REGULAR);

        assertThat(sent).isEmpty();
    }

    @Test
    void aReplayUnderstandsTheEndedRunAgain() {
        processed();

        step.on(EXTRACTED, ReplayStatus.REPLAY);

        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordDocumentUnderstandingCommand.class,
                c -> assertThat(c.rerun()).isTrue());
    }

    @Test
    void aReplayLeavesADocumentWhoseFieldsAnOperatorValidated() {
        processed();
        given(new DocumentFieldsValidatedEvent(ID, List.of(), List.of(), List.of(), "bob", Instant.EPOCH));

        step.on(EXTRACTED, ReplayStatus.REPLAY);

        assertThat(sent).isEmpty();
    }

    @Test
    void aSupersededRunIsPassedOver() {
        given(new DocumentReprocessRequestedEvent(ID, 2, "bob", Instant.EPOCH));

        step.on(EXTRACTED, ReplayStatus.REPLAY);

        assertThat(sent).isEmpty();
    }

    @Test
    void theOperatorsTypeIsKeptOnLaterRuns() {
        processed();
        given(new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob", Instant.EPOCH));
        given(new DocumentProcessedEvent(ID, 1, false, List.of(), Instant.EPOCH));
        given(new DocumentReprocessRequestedEvent(ID, 2, "bob", Instant.EPOCH));
        given(new DocumentPageReadEvent(ID, 2, 1, 1, INVOICE, "text-layer", 1.0, 0, 0));
        DocumentTextExtractedEvent second = new DocumentTextExtractedEvent(ID, 2, 1, 0, 10, 1.0, Instant.EPOCH);
        given(second);

        step.on(second, ReplayStatus.REGULAR);

        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordDocumentUnderstandingCommand.class, c -> {
            assertThat(c.type()).isEqualTo("receipt");
            assertThat(c.typeSource()).isEqualTo("OPERATOR");
            assertThat(c.fields()).extracting(f -> f.name()).doesNotContain("invoiceNumber");
        });
    }

    @Test
    void aCorrectionHasTheFieldsReadForItsTypeOnceAndNotOnReplay() {
        processed();
        DocumentTypeCorrectedEvent corrected = new DocumentTypeCorrectedEvent(ID, "receipt", "invoice", "bob",
                Instant.EPOCH);
        given(corrected);

        step.on(corrected, ReplayStatus.REPLAY);
        assertThat(sent).isEmpty();

        step.on(corrected, ReplayStatus.REGULAR);
        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordRetypedDocumentFieldsCommand.class, c -> {
            assertThat(c.type()).isEqualTo("receipt");
            assertThat(c.run()).isEqualTo(1);
            assertThat(c.fields()).extracting(f -> f.name()).contains("totalInclTax")
                    .doesNotContain("invoiceNumber");
        });

        given(new DocumentProcessedEvent(ID, 1, false, List.of(), Instant.EPOCH));
        step.on(corrected, ReplayStatus.REGULAR);
        assertThat(sent).hasSize(1);
    }
}
